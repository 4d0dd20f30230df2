// The thread merges fetches, send answers and live frames in any order; states never go back (B9, I4).
import { describe, expect, it } from 'vitest';
import {
  applyItem,
  mergeOutbound,
  mergeThread,
  type MessageState,
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
