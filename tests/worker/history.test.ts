// The history list (B11) and the Unassigned list (B22) over the API, kept in step by the
// conversation objects; read access as B14 / B15 and I8 say.
import { beforeAll, describe, expect, it } from 'vitest';
import { customerSays, optedIn, send } from './conversations-support';
import { call, setupDemo, tokenFor } from './helpers';

interface ThreadList {
  threads: {
    conversationId: string;
    threadId: string;
    contact: { name: string };
    lastText: string | null;
    readOnly: boolean;
  }[];
}
interface UnassignedList {
  conversations: { conversationId: string; contact: { name: string }; lastText: string | null }[];
}

let alice = '';
let bob = '';
let carol = '';

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
  bob = await tokenFor('bob@acme.test');
  carol = await tokenFor('carol@acme.test');
});

const threads = async (token: string) =>
  (await call<ThreadList>('GET', '/api/v1/threads', { token })).body.threads;
const unassigned = async (token: string) =>
  (await call<UnassignedList>('GET', '/api/v1/unassigned', { token })).body.conversations;

describe('history (B11)', () => {
  it('B11 / B14 / B15: a participant lists the thread with its last message; a leaver keeps it read-only; a removed user loses it', async () => {
    const { conversationId } = await optedIn(alice, 'History Customer', '+14155550140');
    await send(alice, conversationId, { type: 'text', text: 'Our offer is ready' });
    const mine = (await threads(alice)).find((t) => t.conversationId === conversationId);
    expect(mine).toMatchObject({
      contact: { name: 'History Customer' },
      lastText: 'Our offer is ready',
      readOnly: false,
    });
    expect((await threads(carol)).some((t) => t.conversationId === conversationId)).toBe(false);

    await call('POST', `/api/v1/conversations/${conversationId}/participants`, {
      token: alice,
      body: { userId: 'acme-bob' },
    });
    expect((await threads(bob)).some((t) => t.conversationId === conversationId)).toBe(true);
    await call('DELETE', `/api/v1/conversations/${conversationId}/participants/acme-bob`, { token: alice });
    expect((await threads(bob)).some((t) => t.conversationId === conversationId)).toBe(false);

    await call('POST', `/api/v1/conversations/${conversationId}/leave`, { token: alice });
    const left = (await threads(alice)).find((t) => t.conversationId === conversationId);
    expect(left?.readOnly).toBe(true);
  });
});

describe('unassigned (B22)', () => {
  it('B22: a customer writing to a conversation nobody is in is listed for the org until someone claims it', async () => {
    const { conversationId, contact } = await optedIn(alice, 'Waiting Customer', '+14155550141');
    await call('POST', `/api/v1/conversations/${conversationId}/leave`, { token: alice });
    expect((await unassigned(bob)).some((c) => c.conversationId === conversationId)).toBe(false);
    await customerSays(conversationId, '+14155550141', {
      text: 'Hello? Is anyone there?',
      timestamp: Date.now(),
    });
    // The list is written behind the webhook's answer (and within half a second of the leave's own
    // write, P1): Bob's panel reloads it when the `unassigned` frame comes, after that write.
    await expect
      .poll(async () => (await unassigned(bob)).some((c) => c.conversationId === conversationId))
      .toBe(true);
    const waiting = (await unassigned(bob)).find((c) => c.conversationId === conversationId);
    expect(waiting).toMatchObject({
      contact: { name: 'Waiting Customer' },
      lastText: 'Hello? Is anyone there?',
    });
    const globex = await tokenFor('erin@globex.test');
    expect((await unassigned(globex)).some((c) => c.conversationId === conversationId)).toBe(false);
    const claimed = await call<{ outcome: string }>('POST', `/api/v1/contacts/${contact}/whatsapp/start`, {
      token: bob,
    });
    expect(claimed.body.outcome).toBe('claimed');
    expect((await unassigned(bob)).some((c) => c.conversationId === conversationId)).toBe(false);
    expect((await threads(bob)).some((t) => t.conversationId === conversationId)).toBe(true);
  });
});
