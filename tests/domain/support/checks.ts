// The invariants of SPEC §4 as checks over the core's state and effects, each returning the
// violations it finds (empty when all is well). Used by the simulated world at every step.
import type { ConversationState, Effect } from '../../../worker/domain/conversation';
import { isFreeForm } from '../../../worker/domain/send-policy';
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
