// P3: a conversation object reads its number's credentials at most once a second (the freshness of
// its other directory facts), and afresh after anything that says they may have changed.
import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS_TTL_MS,
  CredentialsSource,
  forgetCredentials,
  REFRESH_GRACE_MS,
} from '../../worker/services/credentials-cache';
import type { NumberCredentials } from '../../worker/services/number-settings';

const credentials = (accessToken: string) => ({ accessToken }) as NumberCredentials;

function source(directory: { current: NumberCredentials | undefined }) {
  let now = 1_000_000;
  let reads = 0;
  const shared = new Map();
  const object = () =>
    new CredentialsSource(
      async () => {
        reads++;
        return directory.current;
      },
      () => now,
      shared,
    );
  const one = object();
  const held = { get: () => one.get('acme'), forget: () => one.forget('acme') };
  return { held, object, reads: () => reads, advance: (ms: number) => (now += ms) };
}

describe('the credentials a conversation sends with (P3)', () => {
  it('P3: a drain sending one message after another reads them once within a second', async () => {
    const directory = { current: credentials('token-1') };
    const { held, reads, advance } = source(directory);
    for (let i = 0; i < 10; i++) {
      expect((await held.get())?.accessToken).toBe('token-1');
      advance(CREDENTIALS_TTL_MS / 20);
    }
    expect(reads()).toBe(1);
  });

  it('P3: the conversations of one org share the read; another org reads its own', async () => {
    const directory = { current: credentials('token-1') };
    const { object, reads } = source(directory);
    const objects = Array.from({ length: 200 }, object);
    for (const o of objects) expect((await o.get('acme'))?.accessToken).toBe('token-1');
    expect(reads()).toBe(1);
    await objects[0]?.get('globex');
    expect(reads()).toBe(2);
  });

  it('P3: conversation objects built as the worker builds them share one isolate-wide memory', async () => {
    let reads = 0;
    const read = async () => {
      reads++;
      return credentials('token-1');
    };
    const [a, b] = [new CredentialsSource(read), new CredentialsSource(read)];
    await a.get('org-shared-by-default');
    await b.get('org-shared-by-default');
    expect(reads).toBe(1);
    forgetCredentials('org-shared-by-default');
    await b.get('org-shared-by-default');
    expect(reads).toBe(2);
  });

  it('P3: while one conversation reads them again, the others send with what is held, for a second at most', async () => {
    let now = 0;
    const pending: Array<(c: NumberCredentials) => void> = [];
    const shared = new Map();
    const object = () =>
      new CredentialsSource(
        () => new Promise<NumberCredentials>((resolve) => pending.push(resolve)),
        () => now,
        shared,
      );
    const [a, b] = [object(), object()];
    const first = a.get('acme');
    pending[0]?.(credentials('token-1'));
    await first;
    now = CREDENTIALS_TTL_MS;
    const refreshing = a.get('acme');
    expect((await b.get('acme'))?.accessToken).toBe('token-1');
    expect(pending).toHaveLength(2);
    now = CREDENTIALS_TTL_MS + REFRESH_GRACE_MS;
    const slow = b.get('acme');
    expect(pending).toHaveLength(3);
    pending[2]?.(credentials('token-3'));
    expect((await slow)?.accessToken).toBe('token-3');
    // The read that began earlier and ended later does not replace the newer one.
    pending[1]?.(credentials('token-2'));
    expect((await refreshing)?.accessToken).toBe('token-2');
    expect((await b.get('acme'))?.accessToken).toBe('token-3');
  });

  it('B21 / P3: an admin’s new token is used once the second has passed', async () => {
    const directory = { current: credentials('token-1') };
    const { held, advance } = source(directory);
    await held.get();
    directory.current = credentials('token-2');
    advance(CREDENTIALS_TTL_MS - 1);
    expect((await held.get())?.accessToken).toBe('token-1');
    advance(1);
    expect((await held.get())?.accessToken).toBe('token-2');
  });

  it('B21 / P3: after forget (a refused send, a pause, a wake) the next send reads them afresh', async () => {
    const directory = { current: credentials('revoked') };
    const { held, reads } = source(directory);
    await held.get();
    directory.current = credentials('replaced');
    held.forget();
    expect((await held.get())?.accessToken).toBe('replaced');
    expect(reads()).toBe(2);
  });

  it('B21 / P3: a removed number stays removed for the second too, and a number added later is found', async () => {
    const directory: { current: NumberCredentials | undefined } = { current: undefined };
    const { held, reads, advance } = source(directory);
    expect(await held.get()).toBeUndefined();
    directory.current = credentials('token-1');
    expect(await held.get()).toBeUndefined();
    advance(CREDENTIALS_TTL_MS);
    expect((await held.get())?.accessToken).toBe('token-1');
    expect(reads()).toBe(2);
  });

  it('B21 / P3: after an admin resumed the number, the first object to send reads them and the others woken with it wait for that read; what was held before the resume is not used', async () => {
    let now = 10_000;
    const pending: Array<(c: NumberCredentials) => void> = [];
    const shared = new Map();
    let waits = 0;
    const object = () =>
      new CredentialsSource(
        () => new Promise<NumberCredentials>((resolve) => pending.push(resolve)),
        () => now,
        shared,
        async (ms) => {
          waits++;
          now += ms;
          await Promise.resolve();
        },
      );
    const objects = Array.from({ length: 50 }, object);
    // Held from before: the old token, still within its second.
    const before = objects[0]?.get('acme');
    pending[0]?.(credentials('old-token'));
    await before;
    now += 10;
    const resumedAt = now;
    const sends = objects.map((o) => o.get('acme', resumedAt));
    // One read for the fifty, begun after the resume.
    await Promise.resolve();
    expect(pending).toHaveLength(2);
    pending[1]?.(credentials('new-token'));
    const used = await Promise.all(sends);
    expect(used.map((c) => c?.accessToken)).toEqual(Array(50).fill('new-token'));
    expect(pending).toHaveLength(2);
    expect(waits).toBeGreaterThan(0);
  });

  it('P3: a read that fails leaves the waiting objects to read for themselves', async () => {
    let now = 0;
    const shared = new Map();
    let reads = 0;
    const failing = new CredentialsSource(
      async () => {
        reads++;
        throw new Error('directory unreachable');
      },
      () => now,
      shared,
    );
    const working = new CredentialsSource(
      async () => {
        reads++;
        return credentials('token-1');
      },
      () => now,
      shared,
      async (ms) => {
        now += ms;
      },
    );
    await expect(failing.get('acme', 0)).rejects.toThrow('directory unreachable');
    expect((await working.get('acme', 0))?.accessToken).toBe('token-1');
    expect(reads).toBe(2);
    // It read at once: it did not wait out the second for a read that had already failed.
    expect(now).toBe(0);
  });
});
