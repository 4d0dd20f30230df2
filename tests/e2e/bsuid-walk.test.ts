// Issue 10 on the real local stack (`wrangler dev` + the sandbox), through the public API and the
// sandbox's control endpoints only: Lena Fischer writes with a WhatsApp username and a hidden number;
// she appears in Unassigned by name and username; Alice claims and replies, and the sandbox receives
// the reply addressed to her BSUID; later Lena shows her number, Alice has meanwhile opened her CRM
// record, and the same conversation goes on under that (linked) contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectOk } from './support/expect';
import { type Stack, startStack } from './support/stack';

const LENA = '+14155550103';
const LENA_PATH = `/sandbox/users/${encodeURIComponent(LENA)}`;

let stack: Stack;
let alice = '';

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.login('alice@acme.test');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

interface Unassigned {
  conversations: Array<{
    conversationId: string;
    contact: { id: string; name: string; phone: string; username?: string | null };
  }>;
}
interface ThreadItems {
  items: Array<{ type: string; text: string | null }>;
}
interface Phone {
  messages: Array<{ text?: string; addressedBy?: string; state: string }>;
}

const says = async (text: string) =>
  expectOk(await stack.sandbox(`${LENA_PATH}/messages`, { body: { text } }));
const inboundTexts = async (conversationId: string) =>
  (
    expectOk(
      await stack.api(`/api/v1/conversations/${conversationId}/messages`, { token: alice }),
    ) as unknown as ThreadItems
  ).items.flatMap((i) => (i.type === 'inbound' ? [i.text] : []));

describe('issue 10: a customer with a WhatsApp username', () => {
  let contactId = '';
  let conversationId = '';

  it('B22: Lena writes with her number hidden and appears in Unassigned by name and username', async () => {
    await says('Hello! Is the green sofa still available?');
    const entry = await eventually(async () => {
      const list = expectOk(await stack.api('/api/v1/unassigned', { token: alice })) as unknown as Unassigned;
      const found = list.conversations.find((c) => c.contact.username === '@lena.fischer');
      if (!found) throw new Error(`Lena not in Unassigned: ${JSON.stringify(list)}`);
      return found;
    });
    expect(entry.contact).toMatchObject({ name: 'Lena Fischer', phone: '', username: '@lena.fischer' });
    contactId = entry.contact.id;
    conversationId = entry.conversationId;
  });

  it('B22: Alice claims the conversation and replies; the sandbox receives it addressed to the BSUID', async () => {
    const start = expectOk(
      await stack.api(`/api/v1/contacts/${contactId}/whatsapp/start`, { method: 'POST', token: alice }),
    );
    expect(start.outcome).toBe('claimed');
    const sent = await stack.api(`/api/v1/conversations/${conversationId}/messages`, {
      token: alice,
      body: { type: 'text', text: 'Hi Lena, yes it is! Would you like to see it?' },
      headers: { 'idempotency-key': 'bsuid-walk-1' },
    });
    expect(sent.status).toBe(201);
    const received = await eventually(async () => {
      const phone = expectOk(await stack.sandbox(`${LENA_PATH}/messages`)) as unknown as Phone;
      const reply = phone.messages.find((m) => m.text?.includes('yes it is'));
      if (reply?.state !== 'delivered') throw new Error(`not delivered yet: ${JSON.stringify(phone)}`);
      return reply;
    });
    expect(received.addressedBy).toBe('bsuid');
  });

  it('SPEC §2: Lena shows her number; her CRM record (opened meanwhile) is linked; the same conversation goes on', async () => {
    const crm = await stack.api('/api/v1/contacts', {
      method: 'PUT',
      token: alice,
      body: {
        name: 'Lena Fischer',
        phone: '+1 415 555 0103',
        crm: {
          system: 'hubspot',
          recordId: '5199',
          url: 'https://app.hubspot.com/contacts/1234/record/0-1/5199',
        },
      },
    });
    const crmContactId = (crm.status === 201 ? expectOk(crm, 201) : expectOk(crm)).id as string;
    expectOk(await stack.sandbox(`${LENA_PATH}/privacy`, { body: { phoneHidden: false } }));
    await says('Yes please! My number is +1 415 555 0103.');

    const view = await eventually(async () => {
      const state = expectOk(await stack.api(`/api/v1/contacts/${crmContactId}/whatsapp`, { token: alice }));
      if (state.conversationId !== conversationId)
        throw new Error(`not linked yet: ${JSON.stringify(state)}`);
      return state;
    });
    expect(view.youAreParticipant).toBe(true);
    expect(await inboundTexts(conversationId)).toEqual([
      'Hello! Is the green sofa still available?',
      'Yes please! My number is +1 415 555 0103.',
    ]);
    const linked = expectOk(await stack.api(`/api/v1/contacts/${crmContactId}`, { token: alice }));
    expect(linked).toMatchObject({
      phone: '+14155550103',
      username: '@lena.fischer',
      bsuid: 'US.13491208655302741918',
      crmLinks: [{ system: 'hubspot', recordId: '5199' }],
    });
    // The username-only contact was folded into the CRM one: it is gone.
    expect((await stack.api(`/api/v1/contacts/${contactId}`, { token: alice })).status).toBe(404);
  });
});
