// Sending one message for a conversation: take the number's credentials (held for a second,
// services/credentials-cache.ts), turn our stored picture
// into a Meta media id (B10), wait for the number's shared pacer (P3), then
// send through the typed client. Returns the outcome in the core's terms.
import type { Effect, SendResultOutcome } from '../domain/conversation';
import { DEFAULT_THROUGHPUT_MPS } from '../domain/rate-limit';
import { slotUnused } from '../domain/send-slots';
import type { ConversationRef } from '../durable-objects/conversation-store';
import type { Env } from '../env';
import type { NumberCredentials } from '../services/number-settings';
import { openDb } from '../storage/db';
import { WhatsAppApiError } from '../whatsapp/errors';
import { OutboundMediaError, resolveOutboundMedia } from './media';
import { waitForSlot } from './pace';
import { performSend } from './sender';

type Send = Extract<Effect, { type: 'send' }>;

/** The configured per-number limit (WHATSAPP_THROUGHPUT_MPS), else Meta's default 80/s. */
export function throughputOf(env: Pick<Env, 'WHATSAPP_THROUGHPUT_MPS'>): number {
  const configured = Number(env.WHATSAPP_THROUGHPUT_MPS);
  return env.WHATSAPP_THROUGHPUT_MPS && Number.isInteger(configured) && configured >= 1 && configured <= 1000
    ? configured
    : DEFAULT_THROUGHPUT_MPS;
}

const gateOf = (env: Env, ref: ConversationRef) =>
  env.NUMBER_GATE.get(env.NUMBER_GATE.idFromName(ref.numberId));

/** Our stored picture as a Meta media id; a failed upload means the message was not sent. */
async function outboundMedia(
  env: Env,
  ref: ConversationRef,
  mediaId: string,
): Promise<string | SendResultOutcome> {
  try {
    return await resolveOutboundMedia(env, openDb(env), ref.orgId, mediaId, ref.conversationId);
  } catch (err) {
    if (err instanceof WhatsAppApiError) return { type: 'error', code: err.code };
    // Gone or unreadable: WhatsApp's "media upload error" is the closest final answer.
    if (err instanceof OutboundMediaError) return { type: 'error', code: 131053 };
    return { type: 'error', code: 131000 };
  }
}

export async function dispatch(
  env: Env,
  ref: ConversationRef,
  send: Send,
  credentials: NumberCredentials | undefined,
): Promise<SendResultOutcome> {
  // The number is gone: what WhatsApp says of an unregistered business number (pauses sending).
  if (!credentials) return { type: 'error', code: 133010 };
  let message = send;
  if (send.payload.type === 'image') {
    const media = await outboundMedia(env, ref, send.payload.mediaId);
    if (typeof media !== 'string') return media;
    message = { ...send, payload: { ...send.payload, mediaId: media } };
  }
  if (send.payload.type === 'template' && send.payload.headerMedia) {
    const media = await outboundMedia(env, ref, send.payload.headerMedia.mediaId);
    if (typeof media !== 'string') return media;
    const headerMedia = { ...send.payload.headerMedia, mediaId: media };
    message = { ...send, payload: { ...send.payload, headerMedia } };
  }
  // Last before the request, so nothing between the grant and the send makes it late.
  let granted: number;
  try {
    granted = await waitForSlot(gateOf(env, ref), throughputOf(env));
  } catch (error) {
    // The pacer was not reached (restarted while this send waited in it for its slot): nothing was sent,
    // so it is retried later like a send into a full second, never left unknown.
    console.error(
      JSON.stringify({
        msg: 'send pacer unreachable; the send is retried',
        conversation: ref.conversationId,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return { type: 'error', code: 130429 };
  }
  const outcome = await performSend(
    {
      baseUrl: env.WHATSAPP_API_BASE ?? 'https://graph.facebook.com',
      apiVersion: env.WHATSAPP_API_VERSION ?? 'v24.0',
      accessToken: credentials.accessToken,
      phoneNumberId: credentials.number.phoneNumberId,
      fetch: (input, init) => fetch(input, init),
    },
    message,
  );
  // Refused for a rate limit, the message was not sent: its grant no longer counts (P3).
  if (outcome.type === 'error' && slotUnused(outcome.code)) await gateOf(env, ref).giveBack(granted);
  return outcome;
}
