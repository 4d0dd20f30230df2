// Live events (B8, B20, I8): one WebSocket per signed-in user, opened with a one-time ticket; frames
// for what happens in the user's conversations; nothing more once the session is revoked.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { LiveFrameSchema, type LiveFrame } from '../../shared/api/live';
import { customerSays, optedIn, thread } from './conversations-support';
import { call, setupDemo, tokenFor } from './helpers';

let alice = '';

beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
});

async function ticket(token: string): Promise<string> {
  const res = await call<{ ticket: string }>('POST', '/api/v1/live/ticket', { token });
  expect(res.status).toBe(200);
  return res.body.ticket;
}

async function open(t: string) {
  const res = await SELF.fetch(`http://greenline.test/api/v1/live?ticket=${encodeURIComponent(t)}`, {
    headers: { upgrade: 'websocket' },
  });
  return res;
}

/** Connects and collects parsed frames. */
async function connect(token: string) {
  const res = await open(await ticket(token));
  expect(res.status).toBe(101);
  const ws = res.webSocket;
  if (!ws) throw new Error('no socket');
  ws.accept();
  const frames: LiveFrame[] = [];
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
  ws.addEventListener('message', (e) => frames.push(LiveFrameSchema.parse(JSON.parse(String(e.data)))));
  return { ws, frames, closed };
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for frames');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live events', () => {
  it('B20 / B8: a customer message reaches the participant’s socket as a notification and a thread item', async () => {
    const { conversationId, contact } = await optedIn(alice, 'Live Customer', '+14155550150');
    const { ws, frames } = await connect(alice);
    await customerSays(conversationId, '+14155550150', { text: 'Are you there?', timestamp: Date.now() });
    await until(() => frames.some((f) => f.type === 'customer_message'));
    expect(frames).toContainEqual({
      type: 'customer_message',
      conversationId,
      contactId: contact,
      text: 'Are you there?',
    });
    expect(
      frames.some((f) => f.type === 'item' && f.item.type === 'inbound' && f.item.text === 'Are you there?'),
    ).toBe(true);
    expect(frames.some((f) => f.type === 'conversation' && f.conversationId === conversationId)).toBe(true);
    ws.send(JSON.stringify({ type: 'ping' }));
    await until(() => frames.some((f) => f.type === 'pong'));
    ws.close(1000, 'done');
  });

  it('SPEC §5: a ticket works once, and never without the WebSocket upgrade', async () => {
    const t = await ticket(alice);
    expect(
      (await SELF.fetch(`http://greenline.test/api/v1/live?ticket=${encodeURIComponent(t)}`)).status,
    ).toBe(426);
    const again = await open(await ticket(alice));
    expect(again.status).toBe(101);
    again.webSocket?.accept();
    again.webSocket?.close(1000, 'done');
    const used = await ticket(alice);
    const first = await open(used);
    first.webSocket?.accept();
    expect((await open(used)).status).toBe(401);
    expect((await open('acme-alice.not-a-real-secret')).status).toBe(401);
    expect((await open('garbage')).status).toBe(401);
    first.webSocket?.close(1000, 'done');
  });

  it('B15: the removed user’s socket is told who removed them, in the SPEC’s words', async () => {
    const { conversationId } = await optedIn(alice, 'Removal Customer', '+14155550152');
    const bob = await tokenFor('bob@acme.test');
    const added = await call('POST', `/api/v1/conversations/${conversationId}/participants`, {
      token: alice,
      body: { userId: 'acme-bob' },
    });
    expect(added.status).toBe(200);
    const { frames } = await connect(bob);
    const removed = await call('DELETE', `/api/v1/conversations/${conversationId}/participants/acme-bob`, {
      token: alice,
    });
    expect(removed.status).toBe(200);
    await until(() => frames.some((f) => f.type === 'access_revoked'));
    expect(frames).toContainEqual({
      type: 'access_revoked',
      conversationId,
      text: 'Your colleague Alice Martin has removed you from the conversation',
    });
  });

  it('B22: a colleague whose request to join is declined is told so on their socket; the thread says it too', async () => {
    const { conversationId, contact } = await optedIn(alice, 'Declined Customer', '+14155550153');
    const bob = await tokenFor('bob@acme.test');
    const { frames } = await connect(bob);
    const asked = await call('POST', `/api/v1/conversations/${conversationId}/join-requests`, { token: bob });
    expect(asked.status).toBe(200);
    const declined = await call('POST', `/api/v1/conversations/${conversationId}/join-requests/acme-bob`, {
      token: alice,
      body: { accept: false },
    });
    expect(declined.status).toBe(200);
    await until(() => frames.some((f) => f.type === 'conversation' && f.text !== undefined));
    expect(frames).toContainEqual({
      type: 'conversation',
      conversationId,
      contactId: contact,
      text: 'Alice Martin declined your request to join',
    });
    // Bob reads no thread item of a conversation he is not in.
    expect(frames.some((f) => f.type === 'item')).toBe(false);
    const items = (await thread(alice, conversationId)).items;
    expect(items.map((i) => i.text)).toContain('You declined Bob Keller’s request to join');
  });

  it('I8: once the session is revoked the socket gets nothing more and is closed', async () => {
    const token = await tokenFor('alice@acme.test');
    const { conversationId } = await optedIn(token, 'Revoked Customer', '+14155550151');
    const { frames, closed } = await connect(token);
    expect((await call('POST', '/api/v1/auth/logout', { token })).status).toBeLessThan(300);
    await customerSays(conversationId, '+14155550151', { text: 'After logout', timestamp: Date.now() });
    expect(await closed).toBe(4401);
    expect(
      frames.some((f) => f.type === 'item' && f.item.type === 'inbound' && f.item.text === 'After logout'),
    ).toBe(false);
  });

  it('SPEC §6: an account-level error alerts the org’s admins on their sockets; agents get no such frame', async () => {
    const admin = await tokenFor('admin@acme.test');
    const adminSocket = await connect(admin);
    const agentSocket = await connect(alice);
    const contact = await call<{ id: string }>('PUT', '/api/v1/contacts', {
      token: alice,
      body: { name: 'Locked Out', phone: '+14155550195' },
    });
    await call('POST', `/api/v1/contacts/${contact.body.id}/whatsapp/opt-in`, { token: alice });
    await until(() => adminSocket.frames.some((f) => f.type === 'number_paused'));
    const alert = adminSocket.frames.find((f) => f.type === 'number_paused');
    expect(alert).toMatchObject({ type: 'number_paused', reason: expect.stringContaining('131031') });
    expect(agentSocket.frames.some((f) => f.type === 'number_paused')).toBe(false);
    expect((await call('POST', '/api/v1/admin/number/resume', { token: admin })).status).toBe(200);
    adminSocket.ws.close(1000, 'done');
    agentSocket.ws.close(1000, 'done');
  });
});
