// I8 on the live socket without a D1 read per frame: every path that revokes a session or withdraws
// a user's access closes the affected sockets at once with a code and reason, and the live object
// sends nothing more to them; an expired session's socket is closed at its next frame; the facts
// survive the object's eviction (hibernation); a ping re-reads the session as a safety net.
import { env, evictDurableObject, runInDurableObject, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type LiveFrame, LiveFrameSchema } from '../../shared/api/live';
import { hashToken } from '../../worker/auth/tokens';
import type { UserLive } from '../../worker/durable-objects/user-live';
import { findSessionByAccessHash, revokeSession } from '../../worker/storage/repos/sessions';
import { customerSays, optedIn } from './conversations-support';
import { call, db, setupDemo, tokenFor } from './helpers';

let admin = '';
beforeAll(async () => {
  await setupDemo();
  admin = await tokenFor('admin@acme.test');
});

const liveOf = (userId: string): DurableObjectStub<UserLive> =>
  env.USER_LIVE.get(env.USER_LIVE.idFromName(userId));

async function sessionId(token: string): Promise<string> {
  const ctx = await findSessionByAccessHash(db(), await hashToken(token));
  if (!ctx) throw new Error('no session');
  return ctx.session.id;
}

/** Opens a live socket for `token` and records its frames and how it closed. */
async function connect(token: string) {
  const t = await call<{ ticket: string }>('POST', '/api/v1/live/ticket', { token });
  expect(t.status).toBe(200);
  const res = await SELF.fetch(
    `http://greenline.test/api/v1/live?ticket=${encodeURIComponent(t.body.ticket)}`,
    {
      headers: { upgrade: 'websocket' },
    },
  );
  expect(res.status).toBe(101);
  const ws = res.webSocket;
  if (!ws) throw new Error('no socket');
  ws.accept();
  const frames: LiveFrame[] = [];
  ws.addEventListener('message', (e) => frames.push(LiveFrameSchema.parse(JSON.parse(String(e.data)))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
  );
  return { ws, frames, closed };
}

const said = (frames: LiveFrame[], text: string) =>
  frames.some((f) => f.type === 'item' && f.item.type === 'inbound' && f.item.text === text);

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** After an ending: the customer writes, and a direct push to the user finds no live socket. */
async function nothingMoreFor(userId: string, conversationId: string, phone: string, frames: LiveFrame[]) {
  const before = frames.length;
  await customerSays(conversationId, phone, { text: 'After the ending', timestamp: Date.now() });
  expect(await liveOf(userId).pushAll([{ type: 'pong' }])).toBe(0);
  expect(frames.length).toBe(before);
}

describe('I8: the code that revokes closes the live sockets at once', () => {
  it('I8: signing out closes that session’s socket (4401 signed out); the user’s other session keeps its frames', async () => {
    const kept = await tokenFor('alice@acme.test');
    const leaving = await tokenFor('alice@acme.test');
    const { conversationId } = await optedIn(kept, 'Logout Customer', '+14155550160');
    const stays = await connect(kept);
    const goes = await connect(leaving);
    expect((await call('POST', '/api/v1/auth/logout', { token: leaving })).status).toBe(200);
    expect(await goes.closed).toEqual({ code: 4401, reason: 'signed out' });
    await customerSays(conversationId, '+14155550160', { text: 'Still there?', timestamp: Date.now() });
    await until(() => said(stays.frames, 'Still there?'));
    expect(goes.frames).toEqual([]);
    stays.ws.close(1000, 'done');
  });

  it('I8: an admin disabling a user closes their socket (4403 account disabled) and nothing more is sent', async () => {
    const bob = await tokenFor('bob@acme.test');
    const { conversationId } = await optedIn(bob, 'Disabled Customer', '+14155550161');
    const socket = await connect(bob);
    const res = await call('PATCH', '/api/v1/admin/users/acme-bob', {
      token: admin,
      body: { disabled: true },
    });
    expect(res.status).toBe(200);
    expect(await socket.closed).toEqual({ code: 4403, reason: 'account disabled' });
    await nothingMoreFor('acme-bob', conversationId, '+14155550161', socket.frames);
  });

  it('I8: an admin removing a user closes their socket (4403 account removed) and nothing more is sent', async () => {
    const carol = await tokenFor('carol@acme.test');
    const { conversationId } = await optedIn(carol, 'Removed Customer', '+14155550162');
    const socket = await connect(carol);
    expect((await call('DELETE', '/api/v1/admin/users/acme-carol', { token: admin })).status).toBe(200);
    expect(await socket.closed).toEqual({ code: 4403, reason: 'account removed' });
    await nothingMoreFor('acme-carol', conversationId, '+14155550162', socket.frames);
  });

  it('I8: WhatsApp switched off for a user closes their socket (4403 whatsapp disabled)', async () => {
    const alice = await tokenFor('alice@acme.test');
    const { conversationId } = await optedIn(alice, 'Switched Customer', '+14155550163');
    const socket = await connect(alice);
    const off = { token: admin, body: { whatsappEnabled: false } };
    onTestFinished(async () => {
      await call('PATCH', '/api/v1/admin/users/acme-alice', {
        token: admin,
        body: { whatsappEnabled: true },
      });
    });
    expect((await call('PATCH', '/api/v1/admin/users/acme-alice', off)).status).toBe(200);
    expect(await socket.closed).toEqual({ code: 4403, reason: 'whatsapp disabled' });
    await nothingMoreFor('acme-alice', conversationId, '+14155550163', socket.frames);
  });
});

describe('I8: what the live object keeps per socket', () => {
  it('I8: an expired session’s socket gets no frame and is closed (4401 session expired), without D1', async () => {
    const alice = await tokenFor('alice@acme.test');
    const { conversationId } = await optedIn(alice, 'Expired Customer', '+14155550165');
    const socket = await connect(alice);
    await runInDurableObject(liveOf('acme-alice'), (_live: UserLive, state) => {
      for (const ws of state.getWebSockets())
        ws.serializeAttachment({ ...ws.deserializeAttachment(), expiresAt: Date.now() - 1 });
    });
    await customerSays(conversationId, '+14155550165', { text: 'Too late', timestamp: Date.now() });
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session expired' });
    expect(said(socket.frames, 'Too late')).toBe(false);
  });

  it('I8: after the object was evicted, sign-out still closes the hibernated socket', async () => {
    const alice = await tokenFor('alice@acme.test');
    const socket = await connect(alice);
    await evictDurableObject(liveOf('acme-alice'));
    expect((await call('POST', '/api/v1/auth/logout', { token: alice })).status).toBe(200);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'signed out' });
    expect(await liveOf('acme-alice').pushAll([{ type: 'pong' }])).toBe(0);
  });

  it('I8: a push right after the ending, before the close completes, sends nothing', async () => {
    const alice = await tokenFor('alice@acme.test');
    const id = await sessionId(alice);
    const socket = await connect(alice);
    const sent = await runInDurableObject(liveOf('acme-alice'), (live: UserLive) => {
      live.end('revoked', id);
      return live.pushAll([{ type: 'pong' }]);
    });
    expect(sent).toBe(0);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session revoked' });
    expect(socket.frames).toEqual([]);
  });

  it('I8: a ping re-reads a session not checked for a minute, so a revocation the object was not told of still ends it', async () => {
    const alice = await tokenFor('alice@acme.test');
    const id = await sessionId(alice);
    const socket = await connect(alice);
    await revokeSession(db(), 'acme', id, Date.now());
    await runInDurableObject(liveOf('acme-alice'), (_live: UserLive, state) => {
      for (const ws of state.getWebSockets())
        ws.serializeAttachment({ ...ws.deserializeAttachment(), checkedAt: 0 });
    });
    socket.ws.send(JSON.stringify({ type: 'ping' }));
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session revoked' });
    expect(socket.frames.some((f) => f.type === 'pong')).toBe(false);
  });
});

describe('I8: the org switched off', () => {
  it('I8: WhatsApp switched off for the org closes every user’s socket (4403 whatsapp disabled)', async () => {
    const alice = await tokenFor('alice@acme.test');
    const { conversationId } = await optedIn(alice, 'Org Off Customer', '+14155550164');
    const agent = await connect(alice);
    const self = await connect(admin);
    const off = { token: admin, body: { whatsappEnabled: false } };
    onTestFinished(async () => {
      await call('PATCH', '/api/v1/admin/org', { token: admin, body: { whatsappEnabled: true } });
    });
    expect((await call('PATCH', '/api/v1/admin/org', off)).status).toBe(200);
    expect(await agent.closed).toEqual({ code: 4403, reason: 'whatsapp disabled' });
    expect(await self.closed).toEqual({ code: 4403, reason: 'whatsapp disabled' });
    await nothingMoreFor('acme-alice', conversationId, '+14155550164', agent.frames);
  });
});
