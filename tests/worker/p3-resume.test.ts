// P3 / SPEC §6: an admin's resume only marks the number resumed and sets each conversation's own
// alarm to now; every conversation then drains its queue by itself, in parallel, and a second resume
// sends nothing twice.
import { describe, expect, it } from 'vitest';
import { getOrgNumber, updateNumber } from '../../worker/storage/repos/numbers';
import { newContact, thread } from './conversations-support';
import { call, db, setupDemo, tokenFor } from './helpers';

/** Polls `check` until it holds (the drains run on their own alarms, after the answer). */
async function eventually(check: () => Promise<boolean>, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('the queued messages did not go out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function optIns(token: string, conversationId: string) {
  const items = (await thread(token, conversationId)).items;
  return items.filter((i) => i.type === 'outbound' && i.kind === 'opt_in');
}

/** Alice asks a new contact for opt-in; the opt-in's state right after, and its conversation. */
async function askOptIn(token: string, name: string, phone: string) {
  const contact = await newContact(token, name, phone);
  const opt = await call<{ message: { state: string }; conversation: { conversationId: string } }>(
    'POST',
    `/api/v1/contacts/${contact}/whatsapp/opt-in`,
    { token },
  );
  return { state: opt.body.message.state, conversationId: opt.body.conversation.conversationId };
}

describe('resume drains through each conversation’s alarm (P3, SPEC §6)', () => {
  it('P3 / SPEC §6: resume answers with the conversations it woke, each sends its queue by itself, and resuming again sends nothing twice', async () => {
    await setupDemo();
    const alice = await tokenFor('alice@acme.test');
    const admin = await tokenFor('admin@acme.test');
    const number = await getOrgNumber(db(), 'acme');
    if (!number) throw new Error('demo number missing');
    await updateNumber(db(), 'acme', number.id, { paused: true, pausedReason: '131031 (test)' }, Date.now());
    const conversations: string[] = [];
    for (const [i, name] of ['Queue One', 'Queue Two', 'Queue Three'].entries()) {
      const opt = await askOptIn(alice, name, `+1415555018${i}`);
      expect(opt.state).toBe('queued');
      conversations.push(opt.conversationId);
    }

    const resumed = await call<{ paused: boolean; conversationsWoken: number }>(
      'POST',
      '/api/v1/admin/number/resume',
      { token: admin },
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.paused).toBe(false);
    expect(resumed.body.conversationsWoken).toBeGreaterThanOrEqual(conversations.length);
    await eventually(async () => {
      const states = await Promise.all(conversations.map(async (id) => (await optIns(alice, id))[0]?.state));
      return states.every((s) => s === 'sent');
    });
    const sent = await Promise.all(conversations.map((id) => optIns(alice, id)));

    const again = await call<{ paused: boolean; conversationsWoken: number }>(
      'POST',
      '/api/v1/admin/number/resume',
      { token: admin },
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ paused: false, conversationsWoken: resumed.body.conversationsWoken });
    // Give the second round of alarms time to run: they find nothing to send.
    await new Promise((r) => setTimeout(r, 500));
    for (const [i, id] of conversations.entries()) {
      const now = await optIns(alice, id);
      expect(now).toHaveLength(1);
      expect(now[0]?.wamid).toBe(sent[i]?.[0]?.wamid);
      expect(now[0]?.state).toBe('sent');
    }
  }, 30_000);

  it('P3: resume is an admin’s: an agent is refused and nothing is woken', async () => {
    await setupDemo();
    const alice = await tokenFor('alice@acme.test');
    const res = await call('POST', '/api/v1/admin/number/resume', { token: alice });
    expect(res.status).toBe(403);
  });

  it('P3 / B21: sends reuse the number’s credentials, yet an admin’s new token applies to the very next send', async () => {
    await setupDemo();
    const alice = await tokenFor('alice@acme.test');
    const admin = await tokenFor('admin@acme.test');
    const number = await getOrgNumber(db(), 'acme');
    if (!number) throw new Error('demo number missing');
    const putToken = (accessToken: string) =>
      call('PUT', '/api/v1/admin/number', {
        token: admin,
        body: {
          phoneNumberId: number.phoneNumberId,
          displayPhoneNumber: number.displayPhoneNumber,
          wabaId: number.wabaId,
          accessToken,
        },
      });
    const optInOf = (name: string, phone: string) => askOptIn(alice, name, phone);
    // The first send reads the credentials and keeps them for a second.
    expect((await optInOf('Token One', '+14155550186')).state).toBe('sent');
    try {
      expect((await putToken('a-revoked-token')).status).toBe(200);
      // Within that second: the new (wrong) token is used, WhatsApp answers 190 and the number pauses.
      const second = await optInOf('Token Two', '+14155550187');
      expect(second.state).toBe('queued');
      expect((await getOrgNumber(db(), 'acme'))?.paused).toBe(true);
    } finally {
      expect((await putToken('sandbox-token-acme')).status).toBe(200);
    }
    // The admin renews the token and resumes: the held opt-in goes with it.
    await call('POST', '/api/v1/admin/number/resume', { token: admin });
    const third = await optInOf('Token Three', '+14155550188');
    expect(third.state).toBe('sent');
  });
});
