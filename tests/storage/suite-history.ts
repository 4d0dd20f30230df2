// Repository suite, part 4: the history, Unassigned and timer rows a conversation writes (B11, B22, I9), on D1
// and libSQL alike. Their statements are prepared once per client and reused by every conversation,
// so these tests write several conversations through the same client one after another: each row
// holds its own call's values, a thread's readers are replaced (not appended), and a step's writes
// commit together or not at all.
import { expect, it } from 'vitest';
import { upsertContact } from '../../worker/storage/repos/contacts';
import { dueTimers, ensureConversation, timerQuery } from '../../worker/storage/repos/conversations';
import { runBatch } from '../../worker/storage/repos/batch';
import {
  listQueries,
  listReadableThreads,
  listUnassigned,
  setUnassigned,
  syncThreads,
  type ThreadRow,
  threadQueries,
  unassignedQuery,
} from '../../worker/storage/repos/history';
import { createNumber } from '../../worker/storage/repos/numbers';
import { conversationTimers } from '../../worker/storage/schema';
import type { SuiteContext } from './repository-suite';

const AT = 1_900_000_000_000;

export function registerHistoryTests({ db, newOrg, unique }: SuiteContext): void {
  /** An org with a number and `count` customers, each with a conversation. */
  async function conversationsOf(count: number) {
    const { orgId } = await newOrg('history');
    const number = await createNumber(db(), orgId, {
      phoneNumberId: unique('pn'),
      displayPhoneNumber: '+1',
      wabaId: 'w',
      accessTokenCiphertext: 'c',
      now: AT,
    });
    const refs = [];
    for (let i = 0; i < count; i++) {
      const phone = `+1415555${String(1000 + i)}`;
      const { contact } = await upsertContact(db(), orgId, { phone, name: `Customer ${i}`, now: AT });
      const conv = await ensureConversation(db(), orgId, number.id, contact.id, AT);
      refs.push({ conversationId: conv.id, orgId, contactId: contact.id });
    }
    return { orgId, refs };
  }

  const thread = (over: Partial<ThreadRow> & Pick<ThreadRow, 'readers'>): ThreadRow => ({
    threadId: unique('thread'),
    startedAt: AT,
    endedAt: null,
    lastAt: AT,
    lastText: null,
    ...over,
  });

  it('B11: conversations written one after another on one client each list their own threads', async () => {
    const { orgId, refs } = await conversationsOf(3);
    const [alice, bob] = [unique('alice'), unique('bob')];
    const written = refs.map((ref, i) => ({
      ref,
      row: thread({
        startedAt: AT + i,
        endedAt: i === 1 ? AT + 50 : null,
        lastAt: AT + 100 + i,
        lastText: i === 2 ? null : `message ${i}`,
        readers: i === 0 ? [{ userId: alice, until: AT + 7 }] : [{ userId: bob, until: null }],
      }),
    }));
    for (const { ref, row } of written) await syncThreads(db(), ref, [row]);

    const seenByBob = await listReadableThreads(db(), orgId, bob, 10);
    expect(
      seenByBob.map((t) => [
        t.conversationId,
        t.threadId,
        t.startedAt,
        t.endedAt,
        t.lastAt,
        t.lastText,
        t.until,
      ]),
    ).toEqual([
      [refs[2]?.conversationId, written[2]?.row.threadId, AT + 2, null, AT + 102, null, null],
      [refs[1]?.conversationId, written[1]?.row.threadId, AT + 1, AT + 50, AT + 101, 'message 1', null],
    ]);
    expect(seenByBob.map((t) => t.contact.name)).toEqual(['Customer 2', 'Customer 1']);
    const seenByAlice = await listReadableThreads(db(), orgId, alice, 10);
    expect(seenByAlice.map((t) => [t.conversationId, t.lastText, t.until, t.contact.name])).toEqual([
      [refs[0]?.conversationId, 'message 0', AT + 7, 'Customer 0'],
    ]);
  });

  it("B11: writing a thread again updates it and replaces its readers (others' threads untouched)", async () => {
    const { orgId, refs } = await conversationsOf(2);
    const [alice, bob, carol] = [unique('alice'), unique('bob'), unique('carol')];
    const [first, other] = [refs[0], refs[1]];
    if (!first || !other) throw new Error('two conversations expected');
    const kept = thread({ lastText: 'other', readers: [{ userId: alice, until: null }] });
    const row = thread({
      lastText: 'hello',
      readers: [
        { userId: alice, until: null },
        { userId: bob, until: null },
      ],
    });
    await syncThreads(db(), first, [row]);
    await syncThreads(db(), other, [kept]);
    const again = {
      ...row,
      endedAt: AT + 9,
      lastAt: AT + 9,
      lastText: 'bye',
      readers: [{ userId: carol, until: AT + 99 }],
    };
    await syncThreads(db(), first, [again]);

    expect(await listReadableThreads(db(), orgId, bob, 10)).toEqual([]);
    expect((await listReadableThreads(db(), orgId, alice, 10)).map((t) => t.lastText)).toEqual(['other']);
    const seenByCarol = await listReadableThreads(db(), orgId, carol, 10);
    expect(seenByCarol.map((t) => [t.threadId, t.endedAt, t.lastAt, t.lastText, t.until])).toEqual([
      [row.threadId, AT + 9, AT + 9, 'bye', AT + 99],
    ]);
  });

  it('B11: more readers than one insert binds (D1: 100 parameters) are all listed; the next write has its own', async () => {
    const { orgId, refs } = await conversationsOf(2);
    const [first, second] = [refs[0], refs[1]];
    if (!first || !second) throw new Error('two conversations expected');
    const users = Array.from({ length: 23 }, (_, i) => unique(`reader${i}`));
    const readers = users.map((userId, i) => ({ userId, until: AT + i }));
    const [a, b] = [
      thread({ lastText: 'a', readers: readers.slice(0, 21) }),
      thread({ lastText: 'b', readers: readers.slice(21) }),
    ];
    await syncThreads(db(), first, [a, b]);
    await syncThreads(db(), second, [thread({ lastText: 'c', readers: readers.slice(0, 2) })]);
    for (const [i, userId] of users.entries()) {
      const seen = await listReadableThreads(db(), orgId, userId, 10);
      const own = i < 21 ? 'a' : 'b';
      expect(seen.map((t) => [t.lastText, t.until]).sort()).toEqual(
        (i < 2
          ? [
              [own, AT + i],
              ['c', AT + i],
            ]
          : [[own, AT + i]]
        ).sort(),
      );
    }
  });

  it('B11: a thread written without its readers keeps the readers it has', async () => {
    const { orgId, refs } = await conversationsOf(1);
    const alice = unique('alice');
    const ref = refs[0];
    if (!ref) throw new Error('a conversation expected');
    const row = thread({ lastText: 'first', readers: [{ userId: alice, until: null }] });
    await syncThreads(db(), ref, [row]);
    await syncThreads(db(), ref, [{ ...row, lastText: 'second', readers: [] }], []);
    expect((await listReadableThreads(db(), orgId, alice, 10)).map((t) => t.lastText)).toEqual(['second']);
  });

  it('B22: Unassigned rows set for several conversations on one client, updated, then one cleared', async () => {
    const { orgId, refs } = await conversationsOf(2);
    const [first, second] = [refs[0], refs[1]];
    if (!first || !second) throw new Error('two conversations expected');
    await setUnassigned(db(), first, { since: AT, lastAt: AT + 1, lastText: 'help?' });
    await setUnassigned(db(), second, { since: AT + 2, lastAt: AT + 3, lastText: null });
    await setUnassigned(db(), first, { since: AT, lastAt: AT + 5, lastText: 'anyone?' });
    const listed = await listUnassigned(db(), orgId, 10);
    expect(listed.map((u) => [u.conversationId, u.since, u.lastAt, u.lastText, u.contact.name])).toEqual([
      [first.conversationId, AT, AT + 5, 'anyone?', 'Customer 0'],
      [second.conversationId, AT + 2, AT + 3, null, 'Customer 1'],
    ]);
    await setUnassigned(db(), first, null);
    expect((await listUnassigned(db(), orgId, 10)).map((u) => u.conversationId)).toEqual([
      second.conversationId,
    ]);
  });

  it('B11, B22: a step whose batch fails writes none of its rows (one commit)', async () => {
    const { orgId, refs } = await conversationsOf(1);
    const alice = unique('alice');
    const ref = refs[0];
    if (!ref) throw new Error('a conversation expected');
    // The same reader twice breaks the (thread, user) key on the last statement of the batch.
    const twice = [
      { userId: alice, until: null },
      { userId: alice, until: null },
    ];
    const queries = [
      unassignedQuery(db(), ref, { since: AT, lastAt: AT, lastText: 'hi' }),
      ...threadQueries(db(), ref, [thread({ lastText: 'hi', readers: twice })]),
    ];
    await expect(runBatch(db(), queries)).rejects.toThrow();
    expect(await listUnassigned(db(), orgId, 10)).toEqual([]);
    expect(await listReadableThreads(db(), orgId, alice, 10)).toEqual([]);
  });

  it('I9: timers recorded for several conversations on one client, moved, then one cleared', async () => {
    const { refs } = await conversationsOf(2);
    const [first, second] = refs.map((r) => r.conversationId);
    if (!first || !second) throw new Error('two conversations expected');
    const later = AT + 1_000_000_000; // after every other test's timers, which are due at AT + small
    await runBatch(db(), [timerQuery(db(), first, later + 10), timerQuery(db(), second, later + 20)]);
    await runBatch(db(), [timerQuery(db(), first, later + 30)]);
    const due = async (now: number) =>
      (await dueTimers(db(), now)).filter((id) => id === first || id === second);
    expect(await due(later + 10)).toEqual([]);
    expect(await due(later + 20)).toEqual([second]);
    expect((await due(later + 30)).sort()).toEqual([first, second].sort());
    await runBatch(db(), [timerQuery(db(), second, null)]);
    expect(await due(later + 30)).toEqual([first]);
  });

  it('B22, I9: a step batch may hold a query builder beside prepared writes; all commit together', async () => {
    const { orgId, refs } = await conversationsOf(1);
    const ref = refs[0];
    if (!ref) throw new Error('a conversation expected');
    const built = db()
      .insert(conversationTimers)
      .values({ conversationId: ref.conversationId, dueAt: AT + 42 })
      .onConflictDoUpdate({ target: conversationTimers.conversationId, set: { dueAt: AT + 42 } });
    await runBatch(db(), [unassignedQuery(db(), ref, { since: AT, lastAt: AT, lastText: 'x' }), built]);
    expect((await listUnassigned(db(), orgId, 10)).map((u) => u.lastText)).toEqual(['x']);
    expect(await dueTimers(db(), AT + 42)).toContain(ref.conversationId);
  });

  it("B11, B22: one batch writes many conversations' rows, more than one statement holds, each its own values", async () => {
    // 30 conversations: thread rows go 12 to a statement on D1, Unassigned rows 16; 120 threads have
    // their readers replaced, more than one delete of 100 ids and six inserts of 20 readers.
    const count = 30;
    const { orgId, refs } = await conversationsOf(count);
    const [alice, bob] = [unique('alice'), unique('bob')];
    const readThreads = refs.map((_, i) =>
      i % 2 === 0 ? Array.from({ length: 8 }, () => thread({ threadId: unique('read'), readers: [] })) : [],
    );
    const readBy = (userId: string, threads: ThreadRow[]) =>
      threads.map((t) => ({ ...t, readers: [{ userId, until: null }] }));
    // Bob reads them first; the big batch below hands them to Alice.
    await runBatch(
      db(),
      listQueries(
        db(),
        refs.map((ref, i) => ({
          ref,
          threads: readThreads[i] ?? [],
          readers: readBy(bob, readThreads[i] ?? []),
        })),
      ),
    );
    const patches = refs.map((ref, i) => ({
      ref,
      threads: [thread({ lastAt: AT + i, lastText: `thread ${i}`, readers: [] })],
      readers: readBy(alice, readThreads[i] ?? []),
      waiting: { since: AT, lastAt: AT + i, lastText: `waiting ${i}` },
    }));
    await runBatch(db(), listQueries(db(), patches));

    const unassigned = await listUnassigned(db(), orgId, 100);
    expect(unassigned.map((u) => [u.conversationId, u.lastText]).sort()).toEqual(
      refs.map((ref, i) => [ref.conversationId, `waiting ${i}`]).sort(),
    );
    const seenByAlice = await listReadableThreads(db(), orgId, alice, 200);
    expect(seenByAlice.map((t) => t.threadId).sort()).toEqual(
      readThreads
        .flat()
        .map((t) => t.threadId)
        .sort(),
    );
    expect(await listReadableThreads(db(), orgId, bob, 200)).toEqual([]);
  });

  it('B11, B22: when two patches in one batch touch the same rows, the later one is written', async () => {
    const { orgId, refs } = await conversationsOf(1);
    const ref = refs[0];
    if (!ref) throw new Error('a conversation expected');
    const [alice, bob] = [unique('alice'), unique('bob')];
    const first = thread({ lastText: 'older', readers: [{ userId: alice, until: null }] });
    const later = { ...first, lastAt: AT + 5, lastText: 'newer', readers: [{ userId: bob, until: null }] };
    const queries = listQueries(db(), [
      { ref, threads: [first], readers: [first], waiting: { since: AT, lastAt: AT, lastText: 'older' } },
      { ref, threads: [later], readers: [later], waiting: { since: AT, lastAt: AT + 5, lastText: 'newer' } },
    ]);
    await runBatch(db(), queries);
    expect((await listUnassigned(db(), orgId, 10)).map((u) => u.lastText)).toEqual(['newer']);
    expect(await listReadableThreads(db(), orgId, alice, 10)).toEqual([]);
    expect((await listReadableThreads(db(), orgId, bob, 10)).map((t) => t.lastText)).toEqual(['newer']);

    // A later patch that clears the waiting row wins over an earlier one that sets it.
    await runBatch(
      db(),
      listQueries(db(), [
        { ref, threads: [], readers: [], waiting: { since: AT, lastAt: AT + 9, lastText: 'again' } },
        { ref, threads: [], readers: [], waiting: null },
      ]),
    );
    expect(await listUnassigned(db(), orgId, 10)).toEqual([]);
  });
}
