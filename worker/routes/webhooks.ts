// WhatsApp webhooks (reference §2; not part of /api/v1 or its OpenAPI document). GET answers Meta's
// verification handshake. POST checks X-Hub-Signature-256 over the raw bytes before anything else
// (S1: 401 and nothing happens), then parses and routes the batch, answering 200 only once every event
// is durably accepted; a failure is a 500 so Meta redelivers (the conversations dedupe, I6).
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { intakeWebhook } from '../services/webhook-intake';
import { SIGNATURE_HEADER, verifyHandshake, verifySignature } from '../whatsapp';

/** Meta batches at most 3 MB (reference §2.2); anything much larger is not Meta. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

type Fields = Record<string, string | number | boolean>;

function logger(c: Context<AppEnv>) {
  return (event: string, fields: Fields = {}) => {
    console.log(JSON.stringify({ level: 'info', event, requestId: c.var.requestId, ...fields }));
  };
}

const refusal = (code: string, message: string) => ({ error: { code, message } });

export const webhookRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const result = verifyHandshake(new URL(c.req.url).searchParams, c.env.WHATSAPP_VERIFY_TOKEN ?? '');
    if (result.ok) return c.text(result.challenge, 200);
    logger(c)('webhook_handshake_refused', { reason: result.reason });
    return c.text('Forbidden', 403);
  })
  .post('/', async (c) => {
    const log = logger(c);
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > MAX_BODY_BYTES) {
      log('webhook_too_large', { bytes: declared });
      return c.json(refusal('too_large', 'Webhook bodies are at most 4 MB.'), 413);
    }
    const raw = await c.req.arrayBuffer();
    const signature = c.req.header(SIGNATURE_HEADER) ?? null;
    if (!(await verifySignature(raw, signature, c.env.WHATSAPP_APP_SECRET ?? ''))) {
      log('webhook_bad_signature', { present: signature !== null, bytes: raw.byteLength });
      return c.json(refusal('invalid_signature', 'Missing or wrong X-Hub-Signature-256.'), 401);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      log('webhook_invalid_json', { bytes: raw.byteLength });
      return c.json(refusal('invalid_json', 'The webhook body is not valid JSON.'), 400);
    }
    // `now` is the request's clock reading (worker/clock.ts, dev offset included).
    const outcome = await intakeWebhook(c.env, c.var.db, body, c.var.now, log);
    log('webhook_accepted', { events: outcome.events, deadLetters: outcome.deadLetters });
    return c.json({ ok: true }, 200);
  });
