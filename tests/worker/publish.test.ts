// B11 / B20 / B22, P1: the directory's copy of a conversation is written behind its steps. A panel
// reloads its Unassigned and history lists when told a customer wrote, so the frame that tells it
// must not overtake the write that puts the message in those lists; steps saved while a write runs
// share the next one; what is owed stays flagged until a write that covers it committed.
import { describe, expect, it } from 'vitest';
import type { LiveFrame } from '../../shared/api/live';
import {
  DirectoryOutbox,
  type OutboxPorts,
  type Push,
  type WriteSpacing,
} from '../../worker/conversations/publish';

const unassigned: Push = {
  userId: 'bob',
  frame: { type: 'unassigned', conversationId: 'c1', contactId: 'k1' },
};
const customerMessage = (text: string): Push => ({
  userId: 'carol',
  frame: { type: 'customer_message', conversationId: 'c1', contactId: 'k1', text } as LiveFrame,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A clock for the spacing of writes behind steps: time moves only when a test moves it. */
function fakeSpacing(gapMs: number) {
  let t = 0;
  const sleeping: { at: number; wake: () => void }[] = [];
  const spacing: WriteSpacing = {
    gapMs,
    now: () => t,
    sleep: (ms) => new Promise<void>((wake) => sleeping.push({ at: t + ms, wake })),
  };
  return {
    spacing,
    /** Moves the clock and wakes whatever slept until then. */
    async advance(ms: number) {
      t += ms;
      for (const s of sleeping.filter((s) => s.at <= t)) {
        sleeping.splice(sleeping.indexOf(s), 1);
        s.wake();
      }
      await tick();
    },
  };
}

/** An outbox over fake ports: `writes` are held until released, everything is logged in order. */
function outboxWorld(options: { failWrites?: number; spacing?: WriteSpacing } = {}) {
  const log: string[] = [];
  const pending: (() => void)[] = [];
  let flag = false;
  let version = 0;
  let failures = options.failWrites ?? 0;
  const ports: OutboxPorts = {
    readOwed: () => flag,
    writeOwed: (owed) => {
      flag = owed;
      log.push(`owed=${owed}`);
    },
    write: () => {
      const covers = version;
      log.push(`write#${covers} start`);
      if (failures > 0) {
        failures--;
        log.push(`write#${covers} failed`);
        return Promise.reject(new Error('D1 is down'));
      }
      return new Promise<void>((resolve) => {
        pending.push(() => {
          log.push(`write#${covers} committed`);
          resolve();
        });
      });
    },
    deliver: async (pushes) => {
      for (const p of pushes) log.push(`frame ${p.userId}:${p.frame.type}`);
    },
    settled: async () => {
      log.push('settled');
    },
  };
  const outbox = new DirectoryOutbox(ports, options.spacing);
  return {
    outbox,
    log,
    owedInStorage: () => flag,
    /** A step that changed the listed state to version n. */
    step(n: number, announcing: Push[] = []) {
      version = n;
      outbox.owe(true, announcing);
    },
    async commitNext() {
      await tick();
      pending.shift()?.();
      await tick();
    },
  };
}

describe('the directory outbox (B11, B22, P1)', () => {
  it('owes the write durably at once; the list frames leave only after it committed; an idle moment clears the flag', async () => {
    const w = outboxWorld();
    w.step(1, [unassigned]);
    expect(w.owedInStorage()).toBe(true);
    const flushed = w.outbox.flush();
    await tick();
    expect(w.log).toEqual(['owed=true', 'write#1 start']);

    await w.commitNext();
    await flushed;
    expect(w.log).toEqual([
      'owed=true',
      'write#1 start',
      'write#1 committed',
      'frame bob:unassigned',
      'settled',
    ]);
    // Nothing is owed, but the stored flag is left for an idle moment (the object's load, its alarm).
    expect(w.outbox.owed).toBe(false);
    expect(w.owedInStorage()).toBe(true);
    w.outbox.settleStored();
    expect(w.owedInStorage()).toBe(false);
    expect(w.log.at(-1)).toBe('owed=false');
  });

  it("a busy conversation's writes commit no flag of their own: one set for many steps (P1)", async () => {
    const w = outboxWorld();
    for (let n = 1; n <= 3; n++) {
      w.step(n);
      const flushed = w.outbox.flush();
      await w.commitNext();
      await flushed;
    }
    expect(w.log.filter((l) => l.startsWith('owed='))).toEqual(['owed=true']);
    expect(w.log.filter((l) => l.endsWith('committed'))).toEqual([
      'write#1 committed',
      'write#2 committed',
      'write#3 committed',
    ]);
  });

  it('the stored flag is not cleared while a write is owed, before or while it runs', async () => {
    const w = outboxWorld();
    w.step(1);
    w.outbox.settleStored(); // owed, not yet written
    expect(w.owedInStorage()).toBe(true);
    const flushed = w.outbox.flush();
    await tick();
    w.outbox.settleStored(); // the write runs
    expect(w.owedInStorage()).toBe(true);
    await w.commitNext();
    await flushed;
    w.outbox.settleStored();
    expect(w.owedInStorage()).toBe(false);
  });

  it('steps saved while a write runs share the next one, and stay owed until it committed', async () => {
    const w = outboxWorld();
    w.step(1);
    const first = w.outbox.flush();
    await tick();
    w.step(2, [customerMessage('two')]);
    const second = w.outbox.flush();
    w.step(3, [customerMessage('three')]);
    const third = w.outbox.flush();

    await w.commitNext(); // write#1 covered only step 1: still owed
    expect(w.outbox.owed).toBe(true);
    expect(w.log.filter((l) => l.startsWith('frame'))).toEqual([]);

    await w.commitNext(); // one more write covers steps 2 and 3
    await Promise.all([first, second, third]);
    expect(w.log).toEqual([
      'owed=true',
      'write#1 start',
      'write#1 committed',
      'write#3 start',
      'write#3 committed',
      'frame carol:customer_message',
      'frame carol:customer_message',
      'settled',
    ]);
  });

  it('a flush asked for during a write resolves only after a write that began after its step', async () => {
    const w = outboxWorld();
    w.step(1);
    void w.outbox.flush();
    await tick();
    w.step(2);
    let done = false;
    void w.outbox.flush().then(() => {
      done = true;
    });
    await w.commitNext();
    expect(done).toBe(false); // write#1 began before step 2
    await w.commitNext();
    expect(done).toBe(true);
  });

  it('a failed write keeps the flag and the frames; the next flush (the alarm) writes and sends them', async () => {
    const w = outboxWorld({ failWrites: 1 });
    w.step(1, [unassigned]);
    await expect(w.outbox.flush()).rejects.toThrow('D1 is down');
    expect(w.owedInStorage()).toBe(true);
    expect(w.log.some((l) => l.startsWith('frame'))).toBe(false);

    const retried = w.outbox.flush();
    await w.commitNext();
    await retried;
    expect(w.log.slice(-3)).toEqual(['write#1 committed', 'frame bob:unassigned', 'settled']);
    expect(w.outbox.owed).toBe(false);
  });

  it('an object restarted with a write owed (read from storage) writes it on the next flush', async () => {
    const w = outboxWorld();
    w.step(1);
    let writes = 0;
    let owed = w.owedInStorage();
    const restarted = new DirectoryOutbox({
      readOwed: () => owed,
      writeOwed: (value) => {
        owed = value;
      },
      write: async () => {
        writes++;
      },
      deliver: async () => {},
      settled: async () => {},
    });
    expect(restarted.owed).toBe(true);
    await restarted.settleAfterLoad(); // loaded for a read: no step came in the second after the load
    expect({ writes, owed }).toEqual({ writes: 1, owed: false });
    const idle = new DirectoryOutbox({
      readOwed: () => false,
      writeOwed: () => {},
      write: () => Promise.reject(new Error('must not write')),
      deliver: async () => {},
      settled: async () => {},
    });
    await expect(idle.flush()).resolves.toBeUndefined();
  });

  it('an object loaded by a step: its write covers what was owed, and the flag stays set with no commit of its own (P1)', async () => {
    const log: string[] = [];
    let owed = true; // left set by the object's last life
    const loaded = new DirectoryOutbox({
      readOwed: () => owed,
      writeOwed: (value) => {
        owed = value;
        log.push(`owed=${value}`);
      },
      write: async () => {
        log.push('write');
      },
      deliver: async () => {},
      settled: async () => {},
    });
    loaded.owe(true, []); // the customer's message that loaded it
    await loaded.flush();
    await loaded.settleAfterLoad(); // a second after the load
    // One write, and no commit for the flag at all: it was set already, and clearing it would cost a
    // commit per message of a conversation loaded for each one.
    expect(log).toEqual(['write']);
    expect({ owed, owedInMemory: loaded.owed }).toEqual({ owed: true, owedInMemory: false });
    // The next idle moment (the alarm) clears it.
    loaded.settleStored();
    expect(log).toEqual(['write', 'owed=false']);
  });

  it("behind its steps, a busy conversation's messages of half a second share one write; a quiet one's is written at once (P1)", async () => {
    const clock = fakeSpacing(500);
    const w = outboxWorld({ spacing: clock.spacing });
    w.step(1, [customerMessage('one')]);
    const first = w.outbox.flushSpaced();
    await tick();
    expect(w.log).toEqual(['owed=true', 'write#1 start']); // the first after a quiet moment: at once
    await w.commitNext();
    await first;

    await clock.advance(100);
    w.step(2, [customerMessage('two')]);
    const second = w.outbox.flushSpaced();
    await clock.advance(100);
    w.step(3, [customerMessage('three')]);
    const third = w.outbox.flushSpaced();
    await tick();
    // No write yet, and the list frames wait for the write that holds their messages.
    expect(w.log.filter((l) => l.includes('#2') || l.includes('#3') || l.includes('two'))).toEqual([]);
    expect(w.outbox.owed).toBe(true);

    await clock.advance(299);
    expect(w.log.filter((l) => l.includes('write#3'))).toEqual([]);
    await clock.advance(1); // 500 ms after write#1 began
    await w.commitNext();
    await Promise.all([second, third]);
    expect(w.log.slice(-5)).toEqual([
      'write#3 start',
      'write#3 committed',
      'frame carol:customer_message',
      'frame carol:customer_message',
      'settled',
    ]);
    expect(w.log.filter((l) => l.endsWith('start'))).toHaveLength(2);

    // Quiet again for the gap: the next step is written at once.
    await clock.advance(600);
    w.step(4);
    const fourth = w.outbox.flushSpaced();
    await tick();
    expect(w.log.at(-1)).toBe('write#4 start');
    await w.commitNext();
    await fourth;
  });

  it("a user's command is written at once, inside the gap too, and covers the steps waiting for it (act's read-your-writes)", async () => {
    const clock = fakeSpacing(500);
    const w = outboxWorld({ spacing: clock.spacing });
    w.step(1);
    const behind = w.outbox.flushSpaced();
    await w.commitNext();
    await behind;
    await clock.advance(50);
    w.step(2, [unassigned]);
    const spaced = w.outbox.flushSpaced();
    w.step(3);
    const command = w.outbox.flush();
    await tick();
    expect(w.log.at(-1)).toBe('write#3 start');
    await w.commitNext();
    await command;
    expect(w.log.slice(-3)).toEqual(['write#3 committed', 'frame bob:unassigned', 'settled']);
    // The spaced write finds nothing owed when its time comes.
    await clock.advance(500);
    await spaced;
    expect(w.log.filter((l) => l.endsWith('start'))).toEqual(['write#1 start', 'write#3 start']);
  });
});
