// The thread merges fetches, send answers and live frames in any order; states never go back (B9, I4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareThreadItems } from '../../../shared/api/conversations';
import { domainSeed } from '../../domain/support/fc-seed';
import {
  applyItem,
  mergeOutbound,
  mergeThread,
  type MessageState,
  type ThreadItem,
} from '../../../extension/models/panel/thread';
import { inbound, outbound, T0, thread } from './fixtures';

const at = (s: MessageState, extra = {}) => outbound({ state: s, ...extra });

describe('B9: a message state never moves backwards', () => {
  it.each`
    current        | incoming       | kept
    ${'queued'}    | ${'sending'}   | ${'sending'}
    ${'sending'}   | ${'sent'}      | ${'sent'}
    ${'sent'}      | ${'delivered'} | ${'delivered'}
    ${'delivered'} | ${'read'}      | ${'read'}
    ${'read'}      | ${'delivered'} | ${'read'}
    ${'delivered'} | ${'sent'}      | ${'delivered'}
    ${'sent'}      | ${'sending'}   | ${'sent'}
    ${'read'}      | ${'queued'}    | ${'read'}
    ${'sending'}   | ${'queued'}    | ${'queued'}
    ${'sending'}   | ${'uncertain'} | ${'uncertain'}
    ${'uncertain'} | ${'sent'}      | ${'sent'}
    ${'sending'}   | ${'failed'}    | ${'failed'}
    ${'queued'}    | ${'not_sent'}  | ${'not_sent'}
    ${'not_sent'}  | ${'sent'}      | ${'not_sent'}
    ${'failed'}    | ${'sending'}   | ${'failed'}
    ${'failed'}    | ${'delivered'} | ${'failed'}
    ${'sent'}      | ${'failed'}    | ${'failed'}
  `('$current then $incoming → $kept', ({ current, incoming, kept }) => {
    const failure = { code: 131000, reason: 'r', nextStep: 'n' };
    const c = at(current, current === 'failed' ? { failure } : {});
    const i = at(incoming, incoming === 'failed' ? { failure } : {});
    expect(mergeOutbound(c, i).state).toBe(kept);
  });

  it('I4: an "unconfirmed" failure gives way to a real status proving it was sent', () => {
    const unconfirmed = at('failed', { failure: { code: 'unconfirmed', reason: 'r', nextStep: 'n' } });
    expect(mergeOutbound(unconfirmed, at('delivered')).state).toBe('delivered');
    expect(mergeOutbound(unconfirmed, at('sending')).state).toBe('failed');
  });

  it('a status that arrives before the send answer is kept when the answer comes', () => {
    let items = applyItem([], at('delivered'));
    items = applyItem(items, at('sending'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ state: 'delivered' });
  });

  it('returns the same list when nothing changed (no re-render, no announcement)', () => {
    const items = [at('read')];
    expect(applyItem(items, at('sent'))).toBe(items);
  });
});

describe('thread items', () => {
  it('keeps items in time order and adds each message once', () => {
    let items = applyItem([], inbound({ id: 'b', at: T0 + 20 }));
    items = applyItem(items, outbound({ id: 'a', at: T0 + 10 }));
    items = applyItem(items, { type: 'system', at: T0 + 30, text: 'Bob Stone added Carol King' });
    items = applyItem(items, inbound({ id: 'b', at: T0 + 20 }));
    items = applyItem(items, { type: 'system', at: T0 + 30, text: 'Bob Stone added Carol King' });
    expect(items.map((i) => i.at)).toEqual([T0 + 10, T0 + 20, T0 + 30]);
  });

  it('a fetch merged with what live frames already brought keeps the newer states and the extra items', () => {
    const held = thread({
      items: [outbound({ id: 'm1', state: 'read' }), inbound({ id: 'late', at: T0 + 9 })],
    });
    const fetched = thread({ items: [outbound({ id: 'm1', state: 'sent' })] });
    const merged = mergeThread(held, fetched);
    expect(merged.items).toHaveLength(2);
    expect(merged.items[0]).toMatchObject({ id: 'm1', state: 'read' });
  });

  it('another thread replaces what was shown', () => {
    const merged = mergeThread(thread({ items: [inbound()] }), thread({ threadId: 'th-0', items: [] }));
    expect(merged).toMatchObject({ threadId: 'th-0', items: [] });
  });
});

describe('B9 / B11: one instant, one order (the panel live and the server on reload)', () => {
  const tap = inbound({ id: 'tap', at: T0 + 5, kind: 'button', text: 'Yes' });
  const confirmation = outbound({ id: 'confirm', at: T0 + 5, kind: 'notice', state: 'sent' });
  const left: ThreadItem = { type: 'system', at: T0 + 7, text: 'Bob Stone left' };
  const notice = outbound({ id: 'notice', at: T0 + 7, kind: 'notice', state: 'sent' });

  it.each([
    ['the tap first', [tap, confirmation, left, notice]],
    ['the confirmation first', [confirmation, tap, notice, left]],
  ])('a step’s cause reads above its effect whichever frame comes first (%s)', (_, arrivals) => {
    let items: readonly ThreadItem[] = [];
    for (const item of arrivals) items = applyItem(items, item);
    expect(items.map((i) => (i.type === 'system' ? i.text : i.id))).toEqual([
      'tap',
      'confirm',
      'Bob Stone left',
      'notice',
    ]);
  });

  it('frames arriving interleaved in any way end in the order the server lists the thread', () => {
    // The server lists its messages (by time) and its events (in the order they happened), merged by
    // compareThreadItems; frames of each kind arrive in their own order, interleaved at random.
    const times = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }).map((ts) => ts.sort());
    fc.assert(
      fc.property(
        times,
        times,
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        (outTimes, evTimes, picks) => {
          const sent = outTimes.map((t, n) => outbound({ id: `m${n}`, at: T0 + t }));
          const events = evTimes.map(
            (t, n): ThreadItem =>
              n % 2 === 0
                ? inbound({ id: `w${n}`, at: T0 + t })
                : { type: 'system', at: T0 + t, text: `line ${n}` },
          );
          const server = [...sent, ...events].sort(compareThreadItems);
          const queues = [[...sent], [...events]];
          let items: readonly ThreadItem[] = [];
          for (const pick of picks) {
            const next = (queues[pick ? 0 : 1]?.shift() ?? queues[pick ? 1 : 0]?.shift()) as
              | ThreadItem
              | undefined;
            if (next) items = applyItem(items, next);
          }
          expect(items).toEqual(server);
        },
      ),
      { seed: domainSeed() },
    );
  });
});
