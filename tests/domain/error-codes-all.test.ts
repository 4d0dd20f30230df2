// Every Cloud API error code of reference §6, not only a sample (SPEC §6, B2, B9): what the code
// means for the message and the number, answered synchronously or by a `failed` status webhook.
import { describe, expect, it } from 'vitest';
import { decideError, type ErrorAction, KNOWN_ERROR_CODES } from '../../worker/domain/error-codes';
import { alice, type Driver, messageId, newWamid, optedIn } from './support/fixtures';

/** reference/whatsapp-cloud-api.md §6, every code listed there, with what SPEC §6 asks of it. */
const REFERENCE: Record<number, ErrorAction> = {
  0: 'pause_number',
  2: 'retry',
  3: 'pause_number',
  4: 'retry',
  10: 'pause_number',
  100: 'final',
  190: 'pause_number',
  200: 'pause_number',
  250: 'pause_number',
  299: 'pause_number',
  368: 'pause_number',
  470: 'final',
  80007: 'retry',
  130429: 'retry',
  130472: 'final',
  130497: 'final',
  131000: 'retry',
  131005: 'pause_number',
  131008: 'final',
  131009: 'final',
  131016: 'retry',
  131021: 'final',
  131026: 'not_on_whatsapp',
  131030: 'final',
  131031: 'pause_number',
  131037: 'pause_number',
  131042: 'pause_number',
  131045: 'pause_number',
  131047: 'requeue_window',
  131048: 'final',
  131049: 'final',
  131050: 'final',
  131051: 'final',
  131052: 'final',
  131053: 'final',
  131056: 'retry_pair',
  131057: 'retry',
  131059: 'final',
  131062: 'final',
  131063: 'final',
  131064: 'final',
  132000: 'final',
  132001: 'final',
  132005: 'final',
  132007: 'final',
  132012: 'final',
  132015: 'final',
  132016: 'final',
  132018: 'final',
  133004: 'retry',
  133010: 'pause_number',
  133016: 'final',
  135000: 'final',
  137000: 'final',
};
const ALL = Object.entries(REFERENCE).map(([code, action]) => [Number(code), action] as const);

/** What the user sees after a text's send ended in `code`, by the decision's kind. */
function expectHandled(d: Driver, id: string, code: number, action: ErrorAction) {
  const m = d.message(id);
  const paused = d.effects.some((e) => e.type === 'pause_number' && e.code === code);
  switch (action) {
    case 'retry':
    case 'retry_pair':
      expect(m).toMatchObject({ state: 'queued', holdReason: 'retry' });
      expect(m.nextAttemptAt).toBeGreaterThan(d.now);
      break;
    case 'pause_number':
      expect(m).toMatchObject({ state: 'queued', holdReason: 'number_paused' });
      break;
    case 'requeue_window':
      expect(m).toMatchObject({ state: 'queued', holdReason: 'window_closed' });
      break;
    case 'not_on_whatsapp':
      expect(m).toMatchObject({ state: 'failed', failure: { code } });
      expect(d.state.consent.type).toBe('not_on_whatsapp');
      break;
    case 'final':
      expect(m).toMatchObject({ state: 'failed', failure: { code } });
      expect(d.state.consent.type).toBe('opted_in');
      break;
  }
  expect(paused).toBe(action === 'pause_number');
}

describe('every error code of reference §6 (SPEC §6, B9)', () => {
  it('the table knows no code the reference does not list', () => {
    for (const code of KNOWN_ERROR_CODES) expect(REFERENCE[code], `code ${code}`).toBeDefined();
  });

  it.each(ALL)('SPEC §6: code %i → %s, with a plain-language reason and next step', (code, action) => {
    const d = decideError(code);
    expect(d.action).toBe(action);
    expect(d.reason).toMatch(/^[A-Z].{10,}\.$/);
    expect(d.nextStep).toMatch(/^[A-Z].{10,}\.$/);
  });

  it.each(ALL)('B9: a text answered synchronously with %i ends as %s says', (code, action) => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    // One send, as the Durable Object does; a paused number would not drain again.
    d.run({ type: 'next_send' });
    d.run({ type: 'send_result', messageId: id, attempt: 1, outcome: { type: 'error', code } });
    expectHandled(d, id, code, action);
  });

  it.each(ALL)('B9: a text accepted, then a failed status with %i, ends as %s says', (code, action) => {
    const d = optedIn();
    const id = messageId(d.write(alice, { type: 'text', text: 'hello' }));
    const wamid = newWamid();
    d.drain(() => ({ type: 'accepted', wamid, waId: null }));
    d.run({
      type: 'status',
      status: { wamid, status: 'failed', timestamp: d.now, callbackData: `${id}:1`, errorCode: code },
    });
    expectHandled(d, id, code, action);
  });
});
