// Carries out one `send` effect through the typed Cloud API client and reports what happened in the
// core's terms: accepted (with the wamid), refused with a code, or unknown (I4: never retried here).
import type { Effect, SendResultOutcome } from '../domain/conversation';
import { createWhatsAppClient } from '../whatsapp/client';
import { WhatsAppApiError, WhatsAppTransportError, WhatsAppValidationError } from '../whatsapp/errors';

export interface SenderConfig {
  baseUrl: string;
  apiVersion: string;
  accessToken: string;
  phoneNumberId: string;
  fetch: typeof fetch;
}

type Send = Extract<Effect, { type: 'send' }>;

/** Meta's 100 (invalid parameter): what a request our own checks refuse would have earned. */
const INVALID_PARAMETER = 100;

export async function performSend(config: SenderConfig, send: Send): Promise<SendResultOutcome> {
  const client = createWhatsAppClient(config);
  const opts = { bizOpaqueCallbackData: send.callbackData };
  try {
    const p = send.payload;
    const result =
      p.type === 'text'
        ? await client.sendText(send.to, p.text, opts)
        : p.type === 'image'
          ? await client.sendImage(
              send.to,
              { mediaId: p.mediaId, ...(p.caption ? { caption: p.caption } : {}) },
              opts,
            )
          : await client.sendTemplate(
              send.to,
              {
                name: p.name,
                language: p.language,
                headerParams: p.headerParams,
                ...(p.headerMedia ? { headerMedia: p.headerMedia } : {}),
                bodyParams: p.bodyParams,
                quickReplyPayloads: p.quickReplyPayloads,
              },
              opts,
            );
    return { type: 'accepted', wamid: result.messageId, waId: result.waId || null };
  } catch (err) {
    if (err instanceof WhatsAppApiError) return { type: 'error', code: err.code };
    if (err instanceof WhatsAppValidationError) return { type: 'error', code: INVALID_PARAMETER };
    if (err instanceof WhatsAppTransportError && !err.outcomeUnknown) return { type: 'error', code: 131000 };
    return { type: 'unknown' };
  }
}
