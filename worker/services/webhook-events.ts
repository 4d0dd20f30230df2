// Routing one parsed webhook event (reference §2): a customer's message or a status to its
// conversation's Durable Object, a template status to the templates of the numbers of that WABA,
// preferences and system errors to the log. Expected refusals become dead letters; anything else
// (a Durable Object or database failure) is thrown so the POST is answered 500 and Meta retries.
import { eq } from 'drizzle-orm';
import type { InboundMessage } from '../domain/conversation';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import type { DeadLetterInput } from '../storage/repos/dead-letters';
import { findNumberByPhoneNumberId, type NumberRow } from '../storage/repos/numbers';
import { getOrg } from '../storage/repos/orgs';
import { setTemplateStatus } from '../storage/repos/templates';
import { businessNumbers } from '../storage/schema';
import type { MessageEvent, StatusEvent, TemplateStatusEvent, WebhookEvent } from '../whatsapp';
import { conversationForCustomer } from './conversations';
import { ApiError } from './errors';
import { findCustomerContact } from './webhook-customers';
import { fetchInboundImage } from './webhook-media';

/** One log line's fields: ids, counts and codes only (never bodies or phone numbers, SPEC §6). */
export type IntakeLog = (event: string, fields?: Record<string, string | number | boolean>) => void;

export interface IntakeContext {
  env: Env;
  db: Db;
  now: number;
  log: IntakeLog;
  deadLetter: (letter: Omit<DeadLetterInput, 'now'>) => void;
  numbers: NumberDirectory;
}

/** The numbers a request routes to, each read once per request. */
export class NumberDirectory {
  private readonly cache = new Map<string, Promise<{ number: NumberRow; enabled: boolean } | null>>();

  constructor(private readonly db: Db) {}

  lookup(phoneNumberId: string): Promise<{ number: NumberRow; enabled: boolean } | null> {
    let found = this.cache.get(phoneNumberId);
    if (!found) {
      found = (async () => {
        const number = await findNumberByPhoneNumberId(this.db, phoneNumberId);
        if (!number) return null;
        const org = await getOrg(this.db, number.orgId);
        return { number, enabled: org?.whatsappEnabled === true };
      })();
      this.cache.set(phoneNumberId, found);
    }
    return found;
  }

  /** Every number of a WABA (template events carry only the WABA id). Belongs in repos/numbers. */
  async ofWaba(wabaId: string): Promise<NumberRow[]> {
    return this.db.select().from(businessNumbers).where(eq(businessNumbers.wabaId, wabaId));
  }
}

/** The core's input (worker/domain/conversation.ts) from a parsed message; media comes separately. */
export function toInboundMessage(e: MessageEvent): InboundMessage {
  const base = {
    wamid: e.messageId,
    timestamp: e.timestamp,
    from: e.waId ?? e.userId ?? '',
    contextId: e.context?.messageId ?? null,
  };
  const c = e.content;
  switch (c.kind) {
    case 'text':
      return { ...base, kind: 'text', text: c.body, button: null, media: null };
    case 'button':
      return {
        ...base,
        kind: 'button',
        text: c.text,
        button: { payload: c.payload, text: c.text },
        media: null,
      };
    case 'button_reply':
      // A tap on one of our interactive reply buttons reads like a template quick reply.
      return {
        ...base,
        kind: 'button',
        text: c.title,
        button: { payload: c.id, text: c.title },
        media: null,
      };
    case 'image':
      return { ...base, kind: 'image', text: c.caption ?? null, button: null, media: null };
    case 'list_reply':
      return { ...base, kind: 'other', text: c.title, button: null, media: null };
    case 'video':
    case 'document':
      return { ...base, kind: 'other', text: c.caption ?? null, button: null, media: null };
    default:
      return { ...base, kind: 'other', text: null, button: null, media: null };
  }
}

/** E.164 without the plus: what `messages[].from` carries for a phone number. */
const PHONE_DIGITS = /^[1-9]\d{5,14}$/;

async function routeMessage(ctx: IntakeContext, e: MessageEvent): Promise<void> {
  const target = await ctx.numbers.lookup(e.phoneNumberId);
  if (!target?.enabled) {
    const reason = target ? 'webhook_org_disabled' : 'webhook_unknown_number';
    ctx.log(reason, { phoneNumberId: e.phoneNumberId, kind: e.content.kind });
    return;
  }
  const { number } = target;
  if (!e.from || !PHONE_DIGITS.test(e.from)) {
    // A business-scoped user id without a phone number (2026) cannot name a contact yet.
    ctx.deadLetter({ orgId: number.orgId, reason: 'message sender is not a phone number', payload: e });
    return;
  }
  const customer = { waId: e.waId ?? e.from, phoneDigits: e.from, profileName: e.profileName ?? null };
  const { ref, stub } = await conversationForCustomer(ctx.env, ctx.db, number, customer, ctx.now);
  const message = toInboundMessage(e);
  if (e.content.kind === 'image') {
    const image = { mediaId: e.content.mediaId, mimeType: e.content.mimeType };
    const outcome = await fetchInboundImage(ctx.env, ctx.db, number, ref.conversationId, image, ctx.now);
    if (outcome.ok) message.media = { id: outcome.id, mimeType: outcome.mimeType };
    else {
      ctx.log('webhook_media_not_stored', { orgId: number.orgId, reason: outcome.reason });
      ctx.deadLetter({
        orgId: number.orgId,
        reason: `inbound picture not stored: ${outcome.reason}`,
        payload: {
          conversationId: ref.conversationId,
          wamid: e.messageId,
          image,
          error: outcome.error ?? null,
        },
      });
    }
  }
  await stub.inbound(ref, message);
}

async function routeStatus(ctx: IntakeContext, e: StatusEvent): Promise<void> {
  const target = await ctx.numbers.lookup(e.phoneNumberId);
  if (!target) {
    ctx.log('webhook_unknown_number', { phoneNumberId: e.phoneNumberId, status: e.status });
    return;
  }
  if (e.status === 'played') return; // first play of a voice message: nothing we send
  // Statuses of a disabled org are still applied: they only describe messages already sent (B9, I4).
  const { number } = target;
  const recipient = e.recipientId;
  const contact = recipient ? await findCustomerContact(ctx.db, number.orgId, recipient) : undefined;
  if (!recipient || !contact) {
    ctx.deadLetter({
      orgId: number.orgId,
      reason: recipient ? 'status for a customer we do not know' : 'status without recipient_id',
      payload: {
        wamid: e.messageId,
        status: e.status,
        timestamp: e.timestamp,
        callbackData: e.bizOpaqueCallbackData ?? null,
      },
    });
    return;
  }
  // The contact's own digits, so the lookup below finds it by phone and records the wa_id alias.
  const customer = { waId: recipient, phoneDigits: contact.phone.replace(/^\+/, ''), profileName: null };
  const { ref, stub } = await conversationForCustomer(ctx.env, ctx.db, number, customer, ctx.now);
  await stub.status(ref, {
    wamid: e.messageId,
    status: e.status,
    timestamp: e.timestamp,
    callbackData: e.bizOpaqueCallbackData ?? null,
    errorCode: e.errors[0]?.code ?? null,
  });
}

async function routeTemplateStatus(ctx: IntakeContext, e: TemplateStatusEvent): Promise<void> {
  const numbers = await ctx.numbers.ofWaba(e.wabaId);
  let updated = 0;
  for (const number of numbers) {
    if (await setTemplateStatus(ctx.db, number.id, e.name, e.language, e.event, ctx.now)) updated++;
  }
  ctx.log('webhook_template_status', { wabaId: e.wabaId, event: e.event, updated });
}

/** Applies one event; throws only for failures worth a retry. */
export async function routeEvent(ctx: IntakeContext, e: WebhookEvent): Promise<void> {
  try {
    switch (e.type) {
      case 'message':
        return await routeMessage(ctx, e);
      case 'status':
        return await routeStatus(ctx, e);
      case 'template_status':
        return await routeTemplateStatus(ctx, e);
      case 'user_preference':
        ctx.log('webhook_user_preference', {
          phoneNumberId: e.phoneNumberId ?? '',
          value: e.value,
          category: e.category,
        });
        return;
      case 'error':
        ctx.log('webhook_system_error', { phoneNumberId: e.phoneNumberId ?? '', code: e.error.code });
        return;
    }
  } catch (err) {
    // An expected refusal (e.g. a sender id that is no phone number) will fail the same way on every
    // retry: keep it for an admin instead of making Meta redeliver it for days.
    if (!(err instanceof ApiError)) throw err;
    const orgId =
      'phoneNumberId' in e && e.phoneNumberId
        ? ((await ctx.numbers.lookup(e.phoneNumberId))?.number.orgId ?? null)
        : null;
    ctx.deadLetter({ orgId, reason: `${e.type} could not be routed: ${err.code}`, payload: e });
  }
}
