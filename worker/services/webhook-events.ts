// Routing one parsed webhook event (reference §2): a customer's message or a status to its
// conversation's Durable Object, a template status to the templates of the numbers of that WABA,
// preferences and system errors to the log. Expected refusals become dead letters; anything else
// (a Durable Object or database failure) is thrown so the POST is answered 500 and Meta retries.
import { eq } from 'drizzle-orm';
import { factsOf, type OfferedFacts } from '../conversations/context';
import type { Vouched } from '../conversations/route-memo';
import { phaseTimer } from '../conversations/timings';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { getContact } from '../storage/repos/contacts';
import type { DeadLetterInput } from '../storage/repos/dead-letters';
import type { KnownConversation, MessageRoute, NumberRow, RoutingNumber } from '../storage/repos/numbers';
import { setTemplateStatus } from '../storage/repos/templates';
import { businessNumbers } from '../storage/schema';
import type { MessageEvent, StatusEvent, TemplateStatusEvent, WebhookEvent } from '../whatsapp';
import { conversationForCustomer } from './conversations';
import { type CustomerSignal, changeNumber, type ResolvedCustomer, routingIds } from './customer-identity';
import { ApiError } from './errors';
import { forgetOrgRoutes, routesFor } from './route-cache';
import { findCustomerContact } from './webhook-customers';
import { routeNumberQuality, routeTemplateQuality } from './webhook-health';
import { fetchInboundImage } from './webhook-media';
import { digitsOrNull, signalOf, toInboundMessage } from './webhook-message';

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

/**
 * A number as routed for this request: `readAt`, when the directory read began (its org and number
 * are facts then), and `validAt`, when the route object last vouched nothing had changed since.
 */
type Routed<T extends RoutingNumber> = Vouched<T>;

/**
 * The numbers a request routes to, each asked once per request. Routes come from the number's route
 * objects (services/route-cache.ts), which read the directory only when they were told something
 * changed; what they answer is what the directory holds at the time they answer.
 */
export class NumberDirectory {
  private readonly cache = new Map<string, Promise<Routed<RoutingNumber> | null>>();

  constructor(
    private readonly env: Env,
    private readonly db: Db,
  ) {}

  lookup(phoneNumberId: string): Promise<Routed<RoutingNumber> | null> {
    let found = this.cache.get(phoneNumberId);
    if (!found) {
      found = routesFor(this.env, phoneNumberId, null).numberOf(phoneNumberId);
      this.cache.set(phoneNumberId, found);
    }
    return found;
  }

  /** A message's number and its known conversation (by the first routing id). */
  async route(phoneNumberId: string, key: string | null): Promise<Routed<MessageRoute> | null> {
    const route = await routesFor(this.env, phoneNumberId, key).route(phoneNumberId, key);
    if (!this.cache.has(phoneNumberId)) this.cache.set(phoneNumberId, Promise.resolve(route));
    return route;
  }

  /** Tells the route object of `key` the conversation just created for it (`since`: the route's read). */
  async learn(phoneNumberId: string, key: string, value: KnownConversation, since: number): Promise<void> {
    await routesFor(this.env, phoneNumberId, key).learn(key, value, since);
  }

  /** Every number of a WABA (template events carry only the WABA id). Belongs in repos/numbers. */
  async ofWaba(wabaId: string): Promise<NumberRow[]> {
    return this.db.select().from(businessNumbers).where(eq(businessNumbers.wabaId, wabaId));
  }
}

/** The org and number intake read to route an event, for its conversation to use as they were then. */
function offeredFacts(target: Routed<RoutingNumber>): OfferedFacts | undefined {
  const { org, number, readAt, validAt } = target;
  return org ? { orgId: org.id, facts: factsOf(org, number), readAt, validAt } : undefined;
}

async function routeMessage(ctx: IntakeContext, e: MessageEvent): Promise<void> {
  const mark = phaseTimer(ctx.env);
  const signal = signalOf(e);
  const key = routingIds(signal)[0] ?? null;
  const target = await ctx.numbers.route(e.phoneNumberId, key);
  mark('intake_number');
  if (!target?.enabled) {
    const reason = target ? 'webhook_org_disabled' : 'webhook_unknown_number';
    ctx.log(reason, { phoneNumberId: e.phoneNumberId, kind: e.content.kind });
    return;
  }
  const { number } = target;
  if (!signal.phone && !signal.bsuid) {
    // Neither a phone number nor a business-scoped user id: nothing to name a contact by.
    ctx.deadLetter({ orgId: number.orgId, reason: 'message sender is not a phone number', payload: e });
    return;
  }
  const handle = await conversationForCustomer(ctx.env, ctx.db, number, signal, ctx.now, target.known);
  if (key && target.known === null && handle.resolved?.created) {
    const known = { conversationId: handle.ref.conversationId, contact: handle.resolved.contact };
    await ctx.numbers.learn(e.phoneNumberId, key, known, target.readAt);
  }
  mark('intake_conversation');
  noteLinking(ctx, number.orgId, handle.resolved, e.messageId);
  if (e.content.kind === 'system' && e.content.systemType === 'user_changed_number') {
    if (e.content.newWaId)
      await applyNumberChange(ctx, number.orgId, handle.ref.contactId, e.content.newWaId);
    return; // a notice from WhatsApp, not a message from the customer: the window stays as it is
  }
  const { ref, stub } = handle;
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
  mark('intake_other');
  await stub.inbound(ref, message, offeredFacts(target));
  mark('intake_object_call');
}

/** Linking is logged; a person left with two conversations is kept for an admin to look at. */
function noteLinking(ctx: IntakeContext, orgId: string, resolved: ResolvedCustomer | null, wamid: string) {
  if (!resolved || resolved.linked === 0) return;
  ctx.log('webhook_customer_linked', { orgId, linked: resolved.linked, conflict: resolved.conflict });
  if (resolved.conflict) {
    ctx.deadLetter({
      orgId,
      reason: 'one customer has two conversations (phone and WhatsApp user id); new messages go to the first',
      payload: { contactId: resolved.contact.id, wamid },
    });
  }
}

async function applyNumberChange(ctx: IntakeContext, orgId: string, contactId: string, newWaId: string) {
  const contact = await getContact(ctx.db, orgId, contactId);
  if (!contact) return;
  const changed = await changeNumber(ctx.db, orgId, contact.contact, newWaId, ctx.now);
  await forgetOrgRoutes(ctx.env, ctx.db, orgId);
  ctx.log('webhook_customer_changed_number', { orgId, conflict: changed.conflict });
  if (changed.conflict) {
    ctx.deadLetter({
      orgId,
      reason: 'a customer changed to a number that already has its own conversation',
      payload: { contactId, newWaId },
    });
  }
}

async function routeStatus(ctx: IntakeContext, e: StatusEvent): Promise<void> {
  const recipient = compactIds(e);
  const ids = {
    waId: digitsOrNull(recipient.waId),
    bsuid: recipient.bsuid ?? null,
    parentBsuid: recipient.parentBsuid ?? null,
  };
  const key = routingIds({ ...ids, phone: null, username: null, profileName: null })[0] ?? null;
  const target = await ctx.numbers.route(e.phoneNumberId, key);
  if (!target) {
    ctx.log('webhook_unknown_number', { phoneNumberId: e.phoneNumberId, status: e.status });
    return;
  }
  if (e.status === 'played') return; // first play of a voice message: nothing we send
  // Statuses of a disabled org are still applied: they only describe messages already sent (B9, I4).
  const { number, known } = target;
  const named = recipient.waId !== undefined || recipient.bsuid !== undefined;
  const contact =
    known?.contact ?? (named ? await findCustomerContact(ctx.db, number.orgId, recipient) : undefined);
  if (!contact) {
    ctx.deadLetter({
      orgId: number.orgId,
      reason: named ? 'status for a customer we do not know' : 'status without recipient_id',
      payload: {
        wamid: e.messageId,
        status: e.status,
        timestamp: e.timestamp,
        callbackData: e.bizOpaqueCallbackData ?? null,
      },
    });
    return;
  }
  // The contact's own phone, so the lookup finds it and records the ids this status used.
  const signal: CustomerSignal = {
    ...ids,
    phone: contact.phone,
    username: e.recipientUsername ?? null,
    profileName: null,
  };
  const { ref, stub } = await conversationForCustomer(ctx.env, ctx.db, number, signal, ctx.now, known);
  await stub.status(
    ref,
    {
      wamid: e.messageId,
      status: e.status,
      timestamp: e.timestamp,
      callbackData: e.bizOpaqueCallbackData ?? null,
      errorCode: e.errors[0]?.code ?? null,
    },
    offeredFacts(target),
  );
}

function compactIds(e: StatusEvent): { waId?: string; bsuid?: string; parentBsuid?: string } {
  const ids: { waId?: string; bsuid?: string; parentBsuid?: string } = {};
  if (e.recipientId) ids.waId = e.recipientId;
  if (e.recipientUserId) ids.bsuid = e.recipientUserId;
  if (e.recipientParentUserId) ids.parentBsuid = e.recipientParentUserId;
  return ids;
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
      case 'number_quality':
        return await routeNumberQuality(ctx, e);
      case 'account_update':
        ctx.log('webhook_account_update', { wabaId: e.wabaId, event: e.event });
        return;
      case 'template_quality':
        return await routeTemplateQuality(ctx, e);
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
