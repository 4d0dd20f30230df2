// The directory facts a conversation decides with (org name, keywords, the number's pause, SPEC §6):
// webhook intake hands over the org and number it just read to route the event, so the object does
// not read them again; but after the object paused its number (or woke) it reads them itself, so
// facts read before the pause can never let it send again.
import { describe, expect, it } from 'vitest';
import { ContextSource, type DirectoryFacts } from '../../worker/conversations/context';
import { DEFAULT_KEYWORDS } from '../../worker/domain/keywords';

const facts = (orgName: string, numberPaused: boolean): DirectoryFacts => ({
  orgName,
  keywords: DEFAULT_KEYWORDS,
  singleParticipantPrefix: false,
  numberPaused,
});

function source(directory: { current: DirectoryFacts }) {
  let reads = 0;
  const context = new ContextSource(
    async () => {
      reads++;
      return directory.current;
    },
    () => false,
  );
  return { context, reads: () => reads };
}

describe('directory facts for a decision (SPEC §6)', () => {
  it('facts intake offers are used without reading the directory again', async () => {
    const directory = { current: facts('Acme', false) };
    const { context, reads } = source(directory);
    context.offer({ orgId: 'acme', facts: facts('Acme Renamed', false), readAt: Date.now() });
    const ctx = await context.at(Date.now());
    expect(ctx.orgName).toBe('Acme Renamed');
    expect(reads()).toBe(0);
  });

  it('an offer older than what the object read itself is ignored', async () => {
    const directory = { current: facts('Acme', true) };
    const { context } = source(directory);
    const before = Date.now() - 500;
    await context.at(Date.now());
    context.offer({ orgId: 'acme', facts: facts('Acme', false), readAt: before });
    expect((await context.at(Date.now())).numberPaused).toBe(true);
  });

  it('after the object paused its number, facts read before the pause do not unpause it', async () => {
    const directory = { current: facts('Acme', false) };
    const { context, reads } = source(directory);
    const readBeforePause = Date.now();
    await context.at(Date.now());
    // The object pauses the number (written to the directory), then forgets what it read.
    directory.current = facts('Acme', true);
    context.invalidate();
    context.offer({ orgId: 'acme', facts: facts('Acme', false), readAt: readBeforePause + 1 });
    expect((await context.at(Date.now())).numberPaused).toBe(true);
    expect(reads()).toBe(2);
    // Once it has read the directory itself, newer offers are taken again.
    context.offer({ orgId: 'acme', facts: facts('Acme', true), readAt: Date.now() + 1 });
    expect((await context.at(Date.now())).numberPaused).toBe(true);
    expect(reads()).toBe(2);
  });

  it('SPEC §6 / P1: facts read a minute ago but vouched for now by the route object are fresh; they never beat a later own read', async () => {
    const directory = { current: facts('Acme', true) };
    const { context, reads } = source(directory);
    const aMinuteAgo = Date.now() - 60_000;
    context.offer({ orgId: 'acme', facts: facts('Acme', false), readAt: aMinuteAgo, validAt: Date.now() });
    expect((await context.at(Date.now())).numberPaused).toBe(false);
    expect(reads()).toBe(0);
    // Once the object read the directory itself (after its own pause), the older read is not taken.
    context.invalidate();
    expect((await context.at(Date.now())).numberPaused).toBe(true);
    context.offer({ orgId: 'acme', facts: facts('Acme', false), readAt: aMinuteAgo, validAt: Date.now() });
    expect((await context.at(Date.now())).numberPaused).toBe(true);
    expect(reads()).toBe(1);
  });

  it('SPEC §6 / P3: facts an admin’s resume read after the change are taken on the wake as the object’s own read; a wake without them reads', async () => {
    const directory = { current: facts('Acme', true) };
    const { context, reads } = source(directory);
    await context.at(Date.now());
    expect(reads()).toBe(1);
    directory.current = facts('Acme', false);
    context.invalidate({ orgId: 'acme', facts: facts('Acme', false), readAt: Date.now() });
    expect((await context.at(Date.now())).numberPaused).toBe(false);
    expect(reads()).toBe(1);
    context.invalidate();
    expect((await context.at(Date.now())).numberPaused).toBe(false);
    expect(reads()).toBe(2);
  });
});
