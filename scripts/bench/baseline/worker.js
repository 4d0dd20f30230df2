// The bare baseline the benchmarks compare Greenline with, run in the same workerd as Greenline
// (scripts/bench/support/runtime.ts). It does the least the same job can do on this runtime:
//   POST /intake  (P1): check X-Hub-Signature-256, parse, and write each message into its own
//                 conversation's Durable Object (one SQLite row, deduplicated by wamid), then 200.
//   POST /relay   (P2): check the signature, then one Durable Object sends one WebSocket frame.
//   GET  /relay   (P2): the WebSocket that receives those frames.
//   GET  /count   : rows per object, for the bench's lost / duplicated check.
import { DurableObject } from 'cloudflare:workers';

const encoder = new TextEncoder();
let keyPromise;

function hmacKey(secret) {
  keyPromise ??= crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return keyPromise;
}

async function signed(request, env) {
  const raw = await request.arrayBuffer();
  const header = request.headers.get('x-hub-signature-256') ?? '';
  const hex = header.startsWith('sha256=') ? header.slice(7) : '';
  if (hex.length !== 64) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const ok = await crypto.subtle.verify('HMAC', await hmacKey(env.APP_SECRET), bytes, raw);
  return ok ? JSON.parse(new TextDecoder().decode(raw)) : null;
}

function messagesOf(body) {
  const out = [];
  for (const entry of body.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value ?? {};
      const numberId = value.metadata?.phone_number_id ?? '';
      for (const m of value.messages ?? []) out.push({ key: `${numberId}:${m.from}`, message: m });
    }
  }
  return out;
}

async function intake(request, env) {
  const body = await signed(request, env);
  if (!body) return new Response('bad signature', { status: 401 });
  await Promise.all(
    messagesOf(body).map(({ key, message }) =>
      env.EVENTS.get(env.EVENTS.idFromName(key)).apply(message.id, JSON.stringify(message)),
    ),
  );
  return Response.json({ ok: true });
}

async function relay(request, env) {
  const relayObject = env.RELAY.get(env.RELAY.idFromName('relay'));
  if (request.method === 'GET') return relayObject.fetch(request);
  const body = await signed(request, env);
  if (!body) return new Response('bad signature', { status: 401 });
  const [first] = messagesOf(body);
  await relayObject.push(JSON.stringify({ type: 'item', text: first?.message.text?.body ?? null }));
  return Response.json({ ok: true });
}

export class BareConversation extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS events (wamid TEXT PRIMARY KEY, body TEXT NOT NULL)');
  }

  apply(wamid, body) {
    this.ctx.storage.sql.exec('INSERT OR IGNORE INTO events (wamid, body) VALUES (?, ?)', wamid, body);
  }
}

export class BareRelay extends DurableObject {
  fetch() {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  push(frame) {
    for (const ws of this.ctx.getWebSockets()) ws.send(frame);
  }
}

export default {
  fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/intake' && request.method === 'POST') return intake(request, env);
    if (pathname === '/relay') return relay(request, env);
    return new Response('not found', { status: 404 });
  },
};
