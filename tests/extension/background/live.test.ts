// The live socket (issue 8, item 4; B8, B20): one socket opened with a ticket, pings within MV3's
// 30 s idle limit, reconnects with growing, jittered delays, and passes on only valid frames.
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  LiveConnection,
  PING_EVERY_MS,
  type SocketLike,
} from '../../../extension/background/live';
import type { LiveFrame } from '../../../shared/api/live';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private listeners: Record<string, ((e: { data?: unknown }) => void)[]> = {};
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.emit('close');
  }
  addEventListener(type: string, fn: (e: { data?: unknown }) => void) {
    this.listeners[type] = [...(this.listeners[type] ?? []), fn];
  }
  emit(type: string, data?: unknown) {
    for (const fn of this.listeners[type] ?? []) fn({ data });
  }
  opened() {
    this.readyState = 1;
    this.emit('open');
  }
}

function setup(
  ticket: () => Promise<string | null> = async () => 'ws://greenline.test/api/v1/live?ticket=t',
) {
  const sockets: FakeSocket[] = [];
  const frames: LiveFrame[] = [];
  const resumed = { count: 0 };
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const live = new LiveConnection({
    ticketUrl: ticket,
    open: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onFrame: (f) => frames.push(f),
    onResumed: () => {
      resumed.count++;
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
    random: () => 0.5,
  });
  const due = () => timers.filter((t) => !t.cleared);
  const fire = async (t: { fn: () => void; cleared: boolean } | undefined) => {
    if (!t) throw new Error('no timer');
    t.cleared = true;
    t.fn();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { live, sockets, frames, due, fire, resumed };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the live socket', () => {
  it('B20: opens one socket with the ticket URL however often it is started', async () => {
    const { live, sockets } = setup();
    live.start();
    live.start();
    await tick();
    live.start();
    expect(sockets.map((s) => s.url)).toEqual(['ws://greenline.test/api/v1/live?ticket=t']);
  });

  it('pings every 20 s, inside MV3’s 30 s idle limit', async () => {
    const { live, sockets, due, fire } = setup();
    live.start();
    await tick();
    sockets[0]?.opened();
    expect(PING_EVERY_MS).toBeLessThan(30_000);
    await fire(due().find((t) => t.ms === PING_EVERY_MS));
    expect(sockets[0]?.sent).toEqual(['{"type":"ping"}']);
  });

  it('reconnects after a drop with growing delays, and resets them once connected', async () => {
    const { live, sockets, due, fire } = setup();
    live.start();
    await tick();
    sockets[0]?.emit('close');
    expect(due().map((t) => t.ms)).toEqual([backoffMs(0, 0.5)]);
    await fire(due()[0]);
    sockets[1]?.emit('close');
    expect(due().map((t) => t.ms)).toEqual([backoffMs(1, 0.5)]);
    await fire(due()[0]);
    sockets[2]?.opened();
    sockets[2]?.emit('close');
    expect(due().map((t) => t.ms)).toEqual([backoffMs(0, 0.5)]);
    expect(backoffMs(1, 0.5)).toBeGreaterThan(backoffMs(0, 0.5));
    expect(backoffMs(20, 1)).toBeLessThanOrEqual(36_000);
  });

  it('B8 / B20: open again after a drop, it says frames may have been missed (not on the first open)', async () => {
    const { live, sockets, due, fire, resumed } = setup();
    live.start();
    await tick();
    sockets[0]?.opened();
    expect(resumed.count).toBe(0);
    sockets[0]?.emit('close');
    await fire(due()[0]);
    sockets[1]?.opened();
    expect(resumed.count).toBe(1);
    // Signed out and in again: a new start, whose first open is not a resumption.
    live.stop();
    live.start();
    await tick();
    sockets[2]?.opened();
    expect(resumed.count).toBe(1);
  });

  it('without a ticket (signed out, not enabled) it waits and tries again later', async () => {
    const { live, sockets, due } = setup(async () => null);
    live.start();
    await tick();
    expect(sockets).toHaveLength(0);
    expect(due()).toHaveLength(1);
  });

  it('stop closes the socket and does not reconnect', async () => {
    const { live, sockets, due } = setup();
    live.start();
    await tick();
    sockets[0]?.opened();
    live.stop();
    expect(sockets[0]?.readyState).toBe(3);
    expect(due()).toHaveLength(0);
    expect(live.state).toBe('stopped');
  });

  it('passes on valid frames only (never JSON.parse as T)', async () => {
    const { live, sockets, frames } = setup();
    live.start();
    await tick();
    sockets[0]?.opened();
    sockets[0]?.emit(
      'message',
      '{"type":"customer_message","conversationId":"c1","contactId":"k1","text":"Hi"}',
    );
    sockets[0]?.emit('message', '{"type":"customer_message","conversationId":7}');
    sockets[0]?.emit('message', 'not json');
    sockets[0]?.emit('message', '{"type":"pong"}');
    expect(frames).toEqual([{ type: 'customer_message', conversationId: 'c1', contactId: 'k1', text: 'Hi' }]);
  });
});
