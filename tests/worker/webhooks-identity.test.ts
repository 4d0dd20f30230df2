// Customer identity at the webhook intake (SPEC §2, B22, issue 10): a customer known by phone, wa_id
// and/or BSUID. A username customer (no phone in the webhook) gets a contact, a conversation and a
// place in Unassigned under their profile name and username; the conversation is found by whichever
// id arrives; when a later webhook shows the phone too, or the number changes, the identities are
// linked: one contact, one conversation, the thread goes on.
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversations, deadLetters } from '../../worker/storage/schema';
import { getContact } from '../../worker/storage/repos/contacts';
import { applyFold, planFold } from '../../worker/services/customer-identity';
import { againOnConflict, isConstraintViolation } from '../../worker/storage/errors';
import { findContactsByIdentity } from '../../worker/storage/repos/contact-identity';
import { newContact, send, state, thread } from './conversations-support';
import { call, db, setupDemo, tokenFor } from './helpers';
import { ACME_PNID, envelope, postWebhook, wamid } from './webhooks-support';

let alice = '';
beforeAll(async () => {
  await setupDemo();
  alice = await tokenFor('alice@acme.test');
});

const now = () => String(Math.floor(Date.now() / 1000));
const deadLetterCount = async () => (await db().select({ n: count() }).from(deadLetters))[0]?.n ?? 0;
let seq = 0;
const bsuid = () => `US.${Date.now()}${++seq}`;

interface Sender {
  bsuid?: string;
  parent?: string;
  phone?: string;
  username?: string;
  name?: string;
}

/** A 2026 text webhook: `from` / `wa_id` only when the phone is visible, the BSUID always. */
function text2026(who: Sender, body: string, type = 'text') {
  const contact = {
    profile: { name: who.name ?? 'Maria', ...(who.username ? { username: who.username } : {}) },
    ...(who.phone ? { wa_id: who.phone } : {}),
    ...(who.bsuid ? { user_id: who.bsuid } : {}),
    ...(who.parent ? { parent_user_id: who.parent } : {}),
  };
  const message = {
    ...(who.phone ? { from: who.phone } : {}),
    ...(who.bsuid ? { from_user_id: who.bsuid } : {}),
    ...(who.parent ? { from_parent_user_id: who.parent } : {}),
    id: wamid(),
    timestamp: now(),
    type,
    ...(type === 'text' ? { text: { body } } : {}),
  };
  return envelope({
    changes: [
      {
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550100001', phone_number_id: ACME_PNID },
          contacts: [contact],
          messages: [message],
        },
      },
    ],
  });
}

const contactsOf = (id: string, phone: string | null = null) =>
  findContactsByIdentity(db(), 'acme', [id], phone);
const conversationsOfContact = async (contactId: string) =>
  db().select().from(conversations).where(eq(conversations.contactId, contactId));

interface Unassigned {
  conversations: Array<{
    conversationId: string;
    contact: { id: string; name: string; phone: string; username?: string | null };
  }>;
}

describe('B22: a customer with a username and a hidden phone', () => {
  it('B22: writes in: a contact without phone, listed in Unassigned by profile name and username; no dead letter', async () => {
    const id = bsuid();
    const letters = await deadLetterCount();
    const res = await postWebhook(
      text2026({ bsuid: id, username: '@maria.sofa', name: 'Maria S.' }, 'Is the sofa available?'),
    );
    expect(res.status).toBe(200);
    expect(await deadLetterCount()).toBe(letters);
    const [contact, ...more] = await contactsOf(id);
    expect(more).toEqual([]);
    expect(contact).toMatchObject({ phone: null, bsuid: id, username: '@maria.sofa', name: 'Maria S.' });
    const list = await call<Unassigned>('GET', '/api/v1/unassigned', { token: alice });
    expect(list.body.conversations.find((c) => c.contact.id === contact?.id)?.contact).toEqual({
      id: contact?.id,
      name: 'Maria S.',
      phone: '',
      username: '@maria.sofa',
    });
  });

  it('B22: her next message, a status naming her only by BSUID, and a claim all reach the one conversation', async () => {
    const id = bsuid();
    await postWebhook(text2026({ bsuid: id, username: '@ana' }, 'first'));
    await postWebhook(text2026({ bsuid: id, username: '@ana' }, 'second'));
    const [contact] = await contactsOf(id);
    if (!contact) throw new Error('no contact');
    expect(await conversationsOfContact(contact.id)).toHaveLength(1);
    const start = await call<{ outcome: string }>('POST', `/api/v1/contacts/${contact.id}/whatsapp/start`, {
      token: alice,
    });
    expect(start.body.outcome).toBe('claimed');
    const { conversationId, window } = await state(alice, contact.id);
    expect(window.open).toBe(true);
    const texts = (await thread(alice, conversationId)).items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['first', 'second']);

    const reply = await send(alice, conversationId, { type: 'text', text: 'Hi Ana!' });
    expect(reply.body.message.state).toBe('sent');
    const sent = (await thread(alice, conversationId)).items.find((i) => i.id === reply.body.message.id);
    const status = { id: sent?.wamid, status: 'delivered', timestamp: now(), recipient_user_id: id };
    const statusHook = envelope({
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550100001', phone_number_id: ACME_PNID },
            statuses: [status],
            contacts: [{ profile: { name: 'Ana', username: '@ana' }, user_id: id }],
          },
        },
      ],
    });
    const letters = await deadLetterCount();
    expect((await postWebhook(statusHook)).status).toBe(200);
    expect(await deadLetterCount()).toBe(letters);
    const after = (await thread(alice, conversationId)).items.find((i) => i.id === reply.body.message.id);
    expect(after?.state).toBe('delivered');
  });
});

describe('SPEC §2: linking identities, never two conversations for one person', () => {
  it('the username customer later shows her number; the CRM contact with it is linked and the thread goes on', async () => {
    const id = bsuid();
    await postWebhook(text2026({ bsuid: id, username: '@lena', name: 'Lena' }, 'hello from my username'));
    const [hidden] = await contactsOf(id);
    const before = await conversationsOfContact(hidden?.id ?? '');
    expect(before).toHaveLength(1);
    // Meanwhile an agent opened her CRM record (by phone): a second contact.
    const crmContactId = await newContact(alice, 'Lena Fischer (CRM)', '+491701234567');
    // Opening the panel creates the CRM contact's (empty) conversation before anyone writes in it.
    const empty = (await state(alice, crmContactId)).conversationId;
    expect(empty).not.toBe(before[0]?.id);

    await postWebhook(
      text2026(
        { bsuid: id, phone: '491701234567', username: '@lena', name: 'Lena' },
        'my number is visible now',
      ),
    );

    const linked = await contactsOf(id, '+491701234567');
    expect(linked.map((c) => c.id)).toEqual([crmContactId]);
    expect(linked[0]).toMatchObject({
      phone: '+491701234567',
      bsuid: id,
      username: '@lena',
      name: 'Lena Fischer (CRM)',
    });
    expect(await getContact(db(), 'acme', hidden?.id ?? '')).toBeUndefined();
    const moved = await conversationsOfContact(crmContactId);
    expect(moved.map((c) => c.id)).toEqual(before.map((c) => c.id));
    await call('POST', `/api/v1/contacts/${crmContactId}/whatsapp/start`, { token: alice });
    const { conversationId } = await state(alice, crmContactId);
    expect(conversationId).toBe(before[0]?.id);
    const texts = (await thread(alice, conversationId)).items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['hello from my username', 'my number is visible now']);
  });

  it('SPEC §2 / B22: the CRM record opened while the linking message is read: the fold is written whole or not at all, then read again', async () => {
    const id = bsuid();
    await postWebhook(text2026({ bsuid: id, username: '@mia', name: 'Mia' }, 'hello from my username'));
    const [hidden] = await contactsOf(id);
    const [usernameConversation] = await conversationsOfContact(hidden?.id ?? '');
    const crmContactId = await newContact(alice, 'Mia Berg (CRM)', '+491701234568');
    const fold = await planFold(db(), 'acme', await contactsOf(id, '+491701234568'));
    // Between the fold's reads and its write, Alice opens the CRM record: its empty conversation is made.
    await state(alice, crmContactId);
    await expect(applyFold(db(), fold)).rejects.toSatisfy(isConstraintViolation);
    // Nothing of the fold was written: the username contact keeps its ids and its conversation.
    expect((await contactsOf(id)).map((c) => c.id)).toEqual([hidden?.id]);
    expect(await conversationsOfContact(hidden?.id ?? '')).toEqual([usernameConversation]);

    // Read again, the message that names both links them; the thread goes on in the username conversation.
    await postWebhook(
      text2026(
        { bsuid: id, phone: '491701234568', username: '@mia', name: 'Mia' },
        'my number is visible now',
      ),
    );
    expect((await contactsOf(id, '+491701234568')).map((c) => c.id)).toEqual([crmContactId]);
    const [kept] = await conversationsOfContact(crmContactId);
    expect(kept?.id).toBe(usernameConversation?.id);
    await call('POST', `/api/v1/contacts/${crmContactId}/whatsapp/start`, { token: alice });
    const texts = (await thread(alice, kept?.id ?? '')).items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['hello from my username', 'my number is visible now']);
  });

  it('SPEC §2 / I6: work whose batch broke a constraint is run again from its reads, at most three times; other errors are not retried', async () => {
    const unique = new Error(
      'D1_ERROR: UNIQUE constraint failed: conversations.number_id, conversations.contact_id',
    );
    let runs = 0;
    const flaky = () => {
      runs += 1;
      return runs < 3 ? Promise.reject(unique) : Promise.resolve('done');
    };
    expect(await againOnConflict(flaky)).toBe('done');
    expect(runs).toBe(3);
    runs = -10;
    await expect(againOnConflict(flaky)).rejects.toBe(unique);
    expect(runs).toBe(-7);
    const other = new Error('D1_ERROR: no such table');
    let otherRuns = 0;
    await expect(
      againOnConflict(() => {
        otherRuns += 1;
        return Promise.reject(other);
      }),
    ).rejects.toBe(other);
    expect(otherRuns).toBe(1);
  });

  it('both already had a conversation: later messages go to the phone one; an admin gets a dead letter', async () => {
    const id = bsuid();
    await postWebhook(text2026({ bsuid: id, username: '@twice' }, 'by username'));
    const phoneContact = await newContact(alice, 'Twice (CRM)', '+14155550164');
    await postWebhook(text2026({ phone: '14155550164' }, 'by phone'));
    const letters = await deadLetterCount();
    await postWebhook(text2026({ phone: '14155550164', bsuid: id }, 'both at once'));
    expect(await deadLetterCount()).toBe(letters + 1);
    await postWebhook(text2026({ bsuid: id }, 'by username again'));
    const [conv] = await conversationsOfContact(phoneContact);
    await call('POST', `/api/v1/contacts/${phoneContact}/whatsapp/start`, { token: alice });
    const texts = (await thread(alice, conv?.id ?? '')).items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['by phone', 'both at once', 'by username again']);
  });

  it('a customer known by phone who starts sending a BSUID keeps one contact, now with the BSUID', async () => {
    const contactId = await newContact(alice, 'Phone First', '+14155550161');
    await postWebhook(text2026({ phone: '14155550161' }, 'by phone'));
    const id = bsuid();
    await postWebhook(text2026({ phone: '14155550161', bsuid: id }, 'by phone and BSUID'));
    await postWebhook(text2026({ bsuid: id, username: '@pf' }, 'number hidden now'));
    const found = await contactsOf(id, '+14155550161');
    expect(found.map((c) => c.id)).toEqual([contactId]);
    expect(found[0]).toMatchObject({ bsuid: id, username: '@pf' });
    expect(await conversationsOfContact(contactId)).toHaveLength(1);
  });

  it('user_changed_number: the new number becomes the phone; messages from it reach the same conversation', async () => {
    const contactId = await newContact(alice, 'Number Changer', '+14155550162');
    await postWebhook(text2026({ phone: '14155550162' }, 'before the change'));
    const system = {
      from: '14155550162',
      id: wamid(),
      timestamp: now(),
      type: 'system',
      system: {
        body: 'User changed from 14155550162 to 14155550163',
        wa_id: '14155550163',
        type: 'user_changed_number',
      },
    };
    const change = envelope({
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550100001', phone_number_id: ACME_PNID },
            messages: [system],
          },
        },
      ],
    });
    expect((await postWebhook(change)).status).toBe(200);
    expect((await getContact(db(), 'acme', contactId))?.contact.phone).toBe('+14155550163');
    await postWebhook(text2026({ phone: '14155550163' }, 'after the change'));
    const all = await contactsOf('14155550162', '+14155550163');
    expect(all.map((c) => c.id)).toEqual([contactId]);
    const [conv] = await conversationsOfContact(contactId);
    await call('POST', `/api/v1/contacts/${contactId}/whatsapp/start`, { token: alice });
    const texts = (await thread(alice, conv?.id ?? '')).items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['before the change', 'after the change']);
  });

  it('request_welcome: a customer opening the chat gets a contact and a conversation waiting in Unassigned', async () => {
    const id = bsuid();
    expect((await postWebhook(text2026({ bsuid: id, username: '@new' }, '', 'request_welcome'))).status).toBe(
      200,
    );
    const [contact] = await contactsOf(id);
    const list = await call<Unassigned>('GET', '/api/v1/unassigned', { token: alice });
    expect(list.body.conversations.some((c) => c.contact.id === contact?.id)).toBe(true);
  });
});

describe('B22: an agent links a username customer to their CRM contact', () => {
  it("one contact (the CRM one, with the username), the customer's conversation, the thread goes on", async () => {
    const id = bsuid();
    await postWebhook(text2026({ bsuid: id, username: '@oskar', name: 'Oskar' }, 'hi from my username'));
    const [hidden] = await contactsOf(id);
    const [conv] = await conversationsOfContact(hidden?.id ?? '');
    const crm = await newContact(alice, 'Oskar Berg (CRM)', '+14155550165');
    await state(alice, crm); // the panel was opened: an empty conversation exists
    const linked = await call<{ id: string; phone: string; username: string | null; bsuid: string | null }>(
      'POST',
      `/api/v1/contacts/${crm}/link`,
      { token: alice, body: { contactId: hidden?.id } },
    );
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ id: crm, phone: '+14155550165', username: '@oskar', bsuid: id });
    expect((await state(alice, crm)).conversationId).toBe(conv?.id);
    await postWebhook(text2026({ bsuid: id, username: '@oskar' }, 'still me'));
    await call('POST', `/api/v1/contacts/${crm}/whatsapp/start`, { token: alice });
    const texts = (await thread(alice, conv?.id ?? '')).items.flatMap((i) =>
      i.type === 'inbound' ? [i.text] : [],
    );
    expect(texts).toEqual(['hi from my username', 'still me']);
  });

  it("refused: itself (400), another org's contact (404), two contacts that both have a used conversation (409)", async () => {
    const a = await newContact(alice, 'Link A', '+14155550166');
    const self = await call('POST', `/api/v1/contacts/${a}/link`, { token: alice, body: { contactId: a } });
    expect(self.status).toBe(400);
    const erin = await tokenFor('erin@globex.test');
    const globex = await newContact(erin, 'Globex Person', '+14155550167');
    const foreign = await call('POST', `/api/v1/contacts/${a}/link`, {
      token: alice,
      body: { contactId: globex },
    });
    expect(foreign.status).toBe(404);
    const id = bsuid();
    await postWebhook(text2026({ phone: '14155550166' }, 'by phone'));
    await postWebhook(text2026({ bsuid: id, username: '@linkb' }, 'by username'));
    const [b] = await contactsOf(id);
    const both = await call<{ error: { code: string } }>('POST', `/api/v1/contacts/${a}/link`, {
      token: alice,
      body: { contactId: b?.id },
    });
    expect(both.status).toBe(409);
    expect(both.body.error.code).toBe('both_have_conversations');
  });
});
