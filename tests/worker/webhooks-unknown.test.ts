// Webhook intake of what is newer than the parser (SPEC §6, issue 10): an unknown message type or
// interactive subtype reaches the conversation as a placeholder and is only logged, never a dead
// letter; genuinely broken input still is one.
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadLetters } from '../../worker/storage/schema';
import { db, setupDemo } from './helpers';
import { ACME_PNID, claimedThread, envelope, messagesChange, postWebhook, wamid } from './webhooks-support';

beforeAll(setupDemo);

const deadLetterCount = async () => (await db().select({ n: count() }).from(deadLetters))[0]?.n ?? 0;
const now = () => String(Math.floor(Date.now() / 1000));

describe('§6: what the parser does not know is kept, not dead-lettered', () => {
  it.each([
    [
      'an unknown interactive subtype',
      { type: 'interactive', interactive: { type: 'call_permission_reply' } },
    ],
    ['an unknown message type', { type: 'revoke', revoke: { original_message_id: 'wamid.x' } }],
    ['the legacy type unknown', { type: 'unknown', errors: [{ code: 131051, title: 'Unsupported' }] }],
  ])('B22: %s reaches the thread as a placeholder, no dead letter', async (_name, shape) => {
    const from = `1415555${String(Date.now()).slice(-4)}`;
    const before = await deadLetterCount();
    const message = { from, id: wamid(), timestamp: now(), ...shape };
    const payload = envelope({
      changes: [messagesChange(ACME_PNID, [message], [{ waId: from, name: 'Nia' }])],
    });
    expect((await postWebhook(payload)).status).toBe(200);
    expect(await deadLetterCount()).toBe(before);
    const thread = await claimedThread(`+${from}`);
    expect(thread?.items.filter((i) => i.type === 'inbound')).toHaveLength(1);
  });

  it('a known type with a broken payload is still a dead letter', async () => {
    const from = '14155550188';
    const before = await deadLetterCount();
    const broken = { from, id: wamid(), timestamp: now(), type: 'location', location: { latitude: 'north' } };
    expect((await postWebhook(envelope({ changes: [messagesChange(ACME_PNID, [broken])] }))).status).toBe(
      200,
    );
    expect(await deadLetterCount()).toBe(before + 1);
  });
});
