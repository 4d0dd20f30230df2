// Issue 12 on the real local stack (`wrangler dev` + the sandbox), only through the public API and the
// sandbox: after a conversation in which Samuel opted in and then out, an admin exports his data, then
// erases him. He is gone from the API, the consent ledger still verifies and keeps his records only
// under keyed hashes, retries return the same receipt, agents are refused, and when he writes again he
// starts from nothing except his opt-out (I1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectOk } from './support/expect';
import { type Stack, startStack } from './support/stack';

const SAMUEL = '+14155550101';
const MARIA = '+14155550102';

interface PhoneMessage {
  wamid: string;
  template?: { name: string; buttons: { text: string; payload: string }[] };
}

let stack: Stack;
let alice = '';
let admin = '';
let keys = 0;

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.login('alice@acme.test');
  admin = await stack.login('admin@acme.test');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function contact(name: string, phone: string, crm?: unknown): Promise<string> {
  const reply = await stack.api('/api/v1/contacts', {
    method: 'PUT',
    token: alice,
    body: { name, phone, crm },
  });
  return (reply.status === 201 ? expectOk(reply, 201) : expectOk(reply)).id as string;
}

const state = async (contactId: string) =>
  expectOk(await stack.api(`/api/v1/contacts/${contactId}/whatsapp`, { token: alice }));

const says = async (number: string, text: string) =>
  expectOk(await stack.sandbox(`/sandbox/users/${encodeURIComponent(number)}/messages`, { body: { text } }));

async function optedIn(contactId: string, number: string): Promise<string> {
  const body = expectOk(
    await stack.api(`/api/v1/contacts/${contactId}/whatsapp/opt-in`, { method: 'POST', token: alice }),
    201,
  );
  const phone = expectOk(await stack.sandbox(`/sandbox/users/${encodeURIComponent(number)}/messages`));
  const optIn = (phone.messages as PhoneMessage[])
    .filter((m) => m.template?.name === 'greenline_opt_in')
    .at(-1);
  const yes = optIn?.template?.buttons.find((b) => b.text === 'Yes');
  if (!optIn || !yes) throw new Error('no opt-in on the phone');
  expectOk(
    await stack.sandbox(`/sandbox/users/${encodeURIComponent(number)}/messages`, {
      body: { button: { payload: yes.payload, text: yes.text }, contextId: optIn.wamid },
    }),
  );
  await eventually(async () => expect((await state(contactId)).consent).toBe('opted_in'));
  return (body.conversation as { conversationId: string }).conversationId;
}

const texts = async (conversationId: string) => {
  const body = expectOk(
    await stack.api(`/api/v1/conversations/${conversationId}/messages`, { token: alice }),
  );
  return (body.items as Array<{ type: string; text: string | null }>)
    .filter((i) => i.type !== 'system')
    .map((i) => i.text);
};

const erase = (body: unknown, token = admin) => stack.api('/api/v1/admin/privacy/erasures', { token, body });

describe('issue 12 erasure walk on the local stack', () => {
  let samuel = '';
  let conversation = '';
  let receipt = '';

  it('a conversation: Samuel opts in, talks with Alice, then opts out; Maria talks too', async () => {
    const crm = { system: 'hubspot', recordId: 'sam-42', url: 'https://crm.test/contacts/sam-42' };
    samuel = await contact('Samuel Johnson', SAMUEL, crm);
    conversation = await optedIn(samuel, SAMUEL);
    await says(SAMUEL, 'Hi, I live on Oak Street');
    await eventually(async () => expect(await texts(conversation)).toContain('Hi, I live on Oak Street'));
    const sent = await stack.api(`/api/v1/conversations/${conversation}/messages`, {
      token: alice,
      body: { type: 'text', text: 'Thanks Samuel, noted' },
      headers: { 'idempotency-key': `erasure-walk-${++keys}` },
    });
    expectOk(sent, 201);
    await says(SAMUEL, 'STOP');
    await eventually(async () => expect((await state(samuel)).consent).toBe('opted_out'));
    const maria = await contact('Maria Garcia', MARIA);
    await optedIn(maria, MARIA);
  });

  it('issue 12: the export holds his messages and consent history, and nothing of Maria', async () => {
    const reply = await stack.api(`/api/v1/admin/privacy/contacts/${samuel}/export?format=json`, {
      token: admin,
    });
    const data = expectOk(reply) as {
      conversations: Array<{
        inbound: Array<{ text: string }>;
        outbound: Array<{ sentText: string | null }>;
      }>;
      consentRecords: Array<{ kind: string }>;
    };
    const [conv] = data.conversations;
    expect(conv?.inbound.map((m) => m.text)).toEqual(['Yes', 'Hi, I live on Oak Street', 'STOP']);
    expect(conv?.outbound.map((m) => m.sentText)).toContain('Thanks Samuel, noted');
    expect(data.consentRecords.map((r) => r.kind)).toEqual([
      'opt_in_requested',
      'opt_in_accepted',
      'opted_out',
    ]);
    const raw = JSON.stringify(reply.body);
    expect(raw).not.toContain('Maria');
    expect(raw).not.toContain('14155550102');
  });

  it('S2: Alice (an agent) cannot erase him', async () => {
    expect((await erase({ contactId: samuel }, alice)).status).toBe(403);
    expect((await state(samuel)).consent).toBe('opted_out');
  });

  it('issue 12: the admin erases Samuel by phone; a retry returns the same receipt', async () => {
    const first = expectOk(await erase({ phone: SAMUEL }), 201);
    receipt = first.id as string;
    expect(first).toMatchObject({ contactId: samuel, standingOptOut: true });
    const again = expectOk(await erase({ phone: SAMUEL }), 200);
    expect(again.id).toBe(receipt);
    expect((await stack.api(`/api/v1/contacts/${samuel}`, { token: alice })).status).toBe(404);
    const exported = await stack.api(`/api/v1/admin/privacy/contacts/${samuel}/export`, { token: admin });
    expect(exported.status).toBe(404);
    const audit = expectOk(await stack.api('/api/v1/admin/privacy/audit', { token: admin }));
    const actions = (audit.entries as Array<{ action: string }>).map((e) => e.action);
    expect(actions.filter((a) => a === 'erasure')).toHaveLength(1);
    expect(actions).toContain('export');
  });

  it('I7 / issue 12: the ledger verifies and keeps his three records under a keyed hash', async () => {
    expect(expectOk(await stack.api('/api/v1/admin/consent-records/verify', { token: admin }))).toMatchObject(
      {
        ok: true,
      },
    );
    const list = expectOk(await stack.api('/api/v1/admin/consent-records?format=json', { token: admin }));
    const records = list.records as Array<{ conversationId: string; contactPhone: string; kind: string }>;
    const his = records.filter((r) => r.conversationId === conversation);
    expect(his.map((r) => r.kind)).toEqual(['opt_in_requested', 'opt_in_accepted', 'opted_out']);
    for (const r of his) expect(r.contactPhone).toMatch(/^erased:[0-9a-f]{64}$/);
    expect(JSON.stringify(records)).not.toContain('14155550101');
    expect(JSON.stringify(records)).toContain('14155550102');
  });

  it('I1 / issue 12: Samuel writes again: a new contact with nothing old, and his opt-out stands', async () => {
    await says(SAMUEL, 'Hello again');
    const found = await eventually(async () => {
      const reply = expectOk(
        await stack.api(`/api/v1/contacts/lookup?phone=${encodeURIComponent(SAMUEL)}`, { token: alice }),
      );
      const c = reply.contact as { id: string } | null;
      if (!c) throw new Error('not yet');
      return c;
    });
    expect(found.id).not.toBe(samuel);
    const now = await state(found.id);
    expect(now.consent).toBe('opted_out');
    expect(now.conversationId).not.toBe(conversation);
    expectOk(
      await stack.api(`/api/v1/contacts/${found.id}/whatsapp/start`, { method: 'POST', token: alice }),
    );
    expect(await texts(now.conversationId as string)).toEqual(['Hello again']);
    const optIn = await stack.api(`/api/v1/contacts/${found.id}/whatsapp/opt-in`, {
      method: 'POST',
      token: alice,
    });
    expect(optIn.status).toBe(409);
  });
});
