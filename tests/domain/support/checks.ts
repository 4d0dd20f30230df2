// The invariants of SPEC §4 as checks over the core's state and effects, each returning the
// violations it finds (empty when all is well). Used by the simulated world at every step.
import { QUEUE_EXPIRY_MS } from '../../../shared/time';
import type { Command, ConversationState, Effect, Step } from '../../../worker/domain/conversation';
import { isFreeForm } from '../../../worker/domain/send-policy';
import { UNCERTAIN_TIMEOUT_MS } from '../../../worker/domain/timers';
import { HOUR } from './fixtures';
import type { ReferenceModel } from './reference-model';

type Send = Extract<Effect, { type: 'send' }>;
const seq = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? Number.NaN);

/** I1, I2, I3, I5 at the moment a message reaches the Cloud API. */
export function checkSend(
  state: ConversationState,
  model: ReferenceModel,
  send: Send,
  now: number,
): string[] {
  const m = state.messages.find((x) => x.id === send.messageId);
  if (!m) return [`unknown message ${send.messageId} sent`];
  const found: string[] = [];
  const consent = state.consent.type;
  if (consent !== model.consent) found.push(`model: consent ${consent}, expected ${model.consent}`);
  if (m.kind === 'template' && consent !== 'opted_in') found.push(`I1: template to a ${consent} customer`);
  const closed = consent === 'opted_out' || consent === 'not_on_whatsapp';
  if (closed && m.kind !== 'opt_in' && m.notice !== 'opt_out_notice')
    found.push(`I1: ${m.kind} to a ${consent} customer`);
  if (isFreeForm(m.kind) && !model.windowOpen(now)) found.push(`I2: ${m.kind} outside the window`);
  if (m.kind === 'opt_in' && model.lastReachedOptIn !== null && now - model.lastReachedOptIn < 24 * HOUR) {
    found.push('I3: opt-in re-sent within 24 h');
  }
  if (m.kind === 'text' || m.kind === 'image') {
    const overtaken = state.messages.some(
      (x) => (x.kind === 'text' || x.kind === 'image') && x.state === 'queued' && seq(x.id) < seq(m.id),
    );
    if (overtaken) found.push('I5: a text overtook an earlier text');
  }
  return found;
}

/** I5: templates and the opt-in never wait behind texts held for the window. */
export function checkTemplatesNotHeld(state: ConversationState): string[] {
  return state.messages
    .filter(
      (m) =>
        (m.kind === 'template' || m.kind === 'opt_in') &&
        m.state === 'queued' &&
        m.holdReason === 'window_closed',
    )
    .map((m) => `I5: template ${m.id} held for the window`);
}

/** I7: exactly one record per consent change, and each record says where consent went. */
export function checkLedger(
  before: ConversationState,
  after: ConversationState,
  effects: Effect[],
): string[] {
  const found: string[] = [];
  const drafts = effects.flatMap((e) => (e.type === 'ledger' ? [e.draft] : []));
  if (drafts.length === 0 && before.consent.type !== after.consent.type)
    found.push('I7: consent changed without a record');
  const last = drafts.at(-1);
  if (last && last.consentAfter !== after.consent.type)
    found.push('I7: the last record disagrees with the consent');
  let prev = before.consent.type;
  for (const d of drafts) {
    if (d.consentAfter === prev && d.kind !== 'opt_in_requested')
      found.push(`I7: record ${d.kind} without a change`);
    prev = d.consentAfter;
  }
  return found;
}

/** I4: after everything settled, no message a user wrote is left without a final state. */
export function checkSettled(state: ConversationState): string[] {
  return state.messages
    .filter((m) => m.state === 'queued' || m.state === 'sending' || m.state === 'uncertain')
    .map((m) => `I4: ${m.id} still ${m.state}`);
}

type ActorCommand = Extract<
  Command,
  { type: 'write' | 'add_participant' | 'leave' | 'remove_participant' | 'transfer' | 'answer_join' }
>;
const ACTOR_COMMANDS = new Set<Command['type']>([
  'write',
  'add_participant',
  'leave',
  'remove_participant',
  'transfer',
  'answer_join',
]);
const isActorCommand = (c: Command): c is ActorCommand => ACTOR_COMMANDS.has(c.type);

/** I8: a user outside the conversation (never in it, removed, or gone) acting is refused; nothing changes. */
export function checkOutsider(before: ConversationState, command: Command, step: Step): string[] {
  if (!isActorCommand(command)) return [];
  const actor = command.actor.id;
  if (before.team.participants.some((p) => p.userId === actor)) return [];
  // A retried write replays the first answer (I4); that is not a new act.
  if (
    command.type === 'write' &&
    before.idempotency.some((e) => e.userId === actor && e.key === command.idempotencyKey)
  )
    return [];
  const changed = step.state !== before && JSON.stringify(step.state) !== JSON.stringify(before);
  if (step.result.ok || changed || step.effects.length > 0)
    return [`I8: ${command.type} by ${actor}, not a participant, was not refused`];
  return [];
}

/** B14–B16: a departure drops exactly the departing user's queued messages; the others' keep waiting. */
export function checkDepartureQueue(
  before: ConversationState,
  after: ConversationState,
  command: Command,
  step: Step,
): string[] {
  if (!step.result.ok) return [];
  const leaver =
    command.type === 'leave' || command.type === 'transfer'
      ? command.actor.id
      : command.type === 'remove_participant'
        ? command.targetId
        : null;
  if (leaver === null) return [];
  const found: string[] = [];
  for (const m of before.messages) {
    if (m.state !== 'queued') continue;
    const now = after.messages.find((x) => x.id === m.id);
    if (m.authorId === leaver && now?.state !== 'not_sent')
      found.push(`B14: ${command.type}: the leaver's queued ${m.id} is ${now?.state}`);
    if (m.authorId !== leaver && now?.state !== 'queued')
      found.push(`B14: ${command.type} by/of ${leaver}: ${m.id} of ${m.authorId} became ${now?.state}`);
  }
  return found;
}

/** I9 / I4: nothing time-driven happens before its deadline (queue expiry, uncertain timeout). */
export function checkNotEarly(before: ConversationState, after: ConversationState, now: number): string[] {
  const found: string[] = [];
  for (const m of after.messages) {
    const was = before.messages.find((x) => x.id === m.id);
    if (!was || was.state === m.state) continue;
    if (m.notSentReason === 'expired' && now < was.createdAt + QUEUE_EXPIRY_MS)
      found.push(`I9: ${m.id} expired ${was.createdAt + QUEUE_EXPIRY_MS - now} ms early`);
    if (
      m.state === 'failed' &&
      m.failure?.code === 'unconfirmed' &&
      was.uncertainSince !== null &&
      now < was.uncertainSince + UNCERTAIN_TIMEOUT_MS
    )
      found.push(
        `I4: ${m.id} given up as unconfirmed ${was.uncertainSince + UNCERTAIN_TIMEOUT_MS - now} ms early`,
      );
  }
  return found;
}

/** Whether WhatsApp's 131047 voided the window the core knows of (the core then trusts WhatsApp). */
export const windowVoided = (state: ConversationState): boolean =>
  state.window.closedAt !== null && state.window.closedAt >= (state.window.lastInboundAt ?? 0);

/** B6: inside the window, with nothing to wait for, an opted-in customer's texts are not held. */
export function checkWindowLiveness(
  state: ConversationState,
  model: ReferenceModel,
  now: number,
  paused: boolean,
): string[] {
  if (paused || state.consent.type !== 'opted_in' || !model.windowOpen(now) || windowVoided(state)) return [];
  const freeForm = state.messages.filter(
    (m) => (m.kind === 'text' || m.kind === 'image') && m.state === 'queued',
  );
  if (freeForm.some((m) => m.nextAttemptAt !== null && m.nextAttemptAt > now)) return [];
  return freeForm.map((m) => `B6: ${m.id} held (${m.holdReason}) although the window is open`);
}
