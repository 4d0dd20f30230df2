// P1, B11 / B22: the org's list writer commits the rows that conversations hand it while its last
// batch ran as one batch, and a batch that fails costs only the writer whose rows broke it.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../worker/storage/group-commit';

/** A group commit over a fake store: commits are held until released and logged as groups. */
function world(bad: ReadonlySet<string> = new Set()) {
  const groups: string[][] = [];
  const held: (() => void)[] = [];
  const group = new GroupCommit<string>(async (items) => {
    groups.push([...items]);
    await new Promise<void>((release) => held.push(release));
    if (items.some((i) => bad.has(i))) throw new Error(`refused ${items.join(',')}`);
  });
  /** Releases the commits held so far, then lets their callbacks run. */
  const release = async () => {
    for (const r of held.splice(0)) r();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const outcome = (p: Promise<void>) =>
    p.then(
      () => 'committed',
      (e: Error) => `refused: ${e.message}`,
    );
  return { group, groups, release, outcome };
}

describe("the list writer's group commit (P1; B11, B22)", () => {
  it('items handed in while a commit runs are committed together by the next one', async () => {
    const { group, groups, release, outcome } = world();
    const first = outcome(group.submit('a'));
    const rest = ['b', 'c', 'd'].map((i) => outcome(group.submit(i)));
    expect(groups).toEqual([['a']]);
    await release();
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    await release();
    expect(await Promise.all([first, ...rest])).toEqual(['committed', 'committed', 'committed', 'committed']);
  });

  it("a group that fails is committed item by item: only the bad item's writer is refused", async () => {
    const { group, groups, release, outcome } = world(new Set(['bad']));
    const first = outcome(group.submit('a'));
    const together = ['b', 'bad', 'c'].map((i) => outcome(group.submit(i)));
    await release(); // a
    await release(); // b, bad, c: refused
    await release(); // b alone
    await release(); // bad alone: refused
    await release(); // c alone
    expect(await Promise.all([first, ...together])).toEqual([
      'committed',
      'committed',
      'refused: refused bad',
      'committed',
    ]);
    expect(groups).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('a lone item that fails is refused once, and the writer goes on with the next', async () => {
    const { group, groups, release, outcome } = world(new Set(['bad']));
    const refused = outcome(group.submit('bad'));
    await release();
    expect(await refused).toBe('refused: refused bad');
    const next = outcome(group.submit('a'));
    await release();
    expect(await next).toBe('committed');
    expect(groups).toEqual([['bad'], ['a']]);
  });
});
