// The conversations walk of issue 5 on the real local stack (`wrangler dev` + the sandbox), only
// through the public API and the sandbox's control endpoints: consent, queue, window, templates,
// refusals, the Brazilian wa_id, duplicated and reordered webhooks, and the consent ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectOk } from './support/expect';
import { type Stack, startStack } from './support/stack';

const SAMUEL = '+14155550101';
const MARIA = '+14155550102';
const ANA = '+5511912345678';
const NOBODY = '+14155550199';
const HOUR = 3_600_000;

interface PhoneMessage {
  wamid: string;
  type: string;
  text?: string | { body?: string };
  template?: { name: string; body: string; buttons: { text: string; payload: string }[] };
}

let stack: Stack;
let alice = '';
let keys = 0;

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.login('alice@acme.test');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function contact(name: string, phone: string): Promise<string> {
  const reply = await stack.api('/api/v1/contacts', { method: 'PUT', token: alice, body: { name, phone } });
  return (reply.status === 201 ? expectOk(reply, 201) : expectOk(reply)).id as string;
}

const state = async (contactId: string) =>
  expectOk(await stack.api(`/api/v1/contacts/${contactId}/whatsapp`, { token: alice }));

async function optIn(contactId: string): Promise<{ conversationId: string; message: { state: string } }> {
  const body = expectOk(
    await stack.api(`/api/v1/contacts/${contactId}/whatsapp/opt-in`, { method: 'POST', token: alice }),
    201,
  );
  return {
    conversationId: (body.conversation as { conversationId: string }).conversationId,
    message: body.message as { state: string },
  };
}

const send = (conversationId: string, body: unknown) =>
  stack.api(`/api/v1/conversations/${conversationId}/messages`, {
    token: alice,
    body,
    headers: { 'idempotency-key': `walk-${++keys}` },
  });

async function phone(number: string): Promise<PhoneMessage[]> {
  return (expectOk(await stack.sandbox(`/sandbox/users/${encodeURIComponent(number)}/messages`)).messages ??
    []) as PhoneMessage[];
}

const textOf = (m: PhoneMessage) =>
  typeof m.text === 'string' ? m.text : (m.text?.body ?? m.template?.body ?? '');

async function tap(number: string, answer: 'Yes' | 'No'): Promise<void> {
  const optIn = (await phone(number)).filter((m) => m.template?.name === 'greenline_opt_in').at(-1);
  const button = optIn?.template?.buttons.find((b) => b.text === answer);
  if (!optIn || !button) throw new Error(`no opt-in with ${answer} on ${number}'s phone`);
  expectOk(
    await stack.sandbox(`/sandbox/users/${encodeURIComponent(number)}/messages`, {
      body: { button: { payload: button.payload, text: button.text }, contextId: optIn.wamid },
    }),
  );
}

const says = async (number: string, text: string) =>
  expectOk(await stack.sandbox(`/sandbox/users/${encodeURIComponent(number)}/messages`, { body: { text } }));

describe('issue 5 walk on the local stack', () => {
  let samuel = '';
  let samuelConversation = '';

  it('B1, B2b, B4: Alice opts Samuel in; her queued text goes out once he taps Yes', async () => {
    samuel = await contact('Samuel Johnson', SAMUEL);
    const { conversationId, message } = await optIn(samuel);
    samuelConversation = conversationId;
    expect(message.state).toBe('sent');
    expect((await state(samuel)).consent).toBe('pending');
    const queued = expectOk(
      await send(conversationId, { type: 'text', text: 'Hello Samuel, thanks for your interest!' }),
      201,
    );
    expect((queued.message as { state: string }).state).toBe('queued');
    await tap(SAMUEL, 'Yes');
    await eventually(async () => expect((await state(samuel)).consent).toBe('opted_in'));
    await eventually(async () =>
      expect((await phone(SAMUEL)).map(textOf)).toContain('Hello Samuel, thanks for your interest!'),
    );
  }, 60_000);

  it('B6, B9: they chat: his message opens the window, her reply reaches his phone', async () => {
    await says(SAMUEL, 'Great, what are the prices?');
    await eventually(async () => {
      const thread = expectOk(
        await stack.api(`/api/v1/conversations/${samuelConversation}/messages`, { token: alice }),
      );
      expect(JSON.stringify(thread.items)).toContain('Great, what are the prices?');
    });
    expectOk(await send(samuelConversation, { type: 'text', text: 'From 10 EUR a month.' }), 201);
    await eventually(async () => expect((await phone(SAMUEL)).map(textOf)).toContain('From 10 EUR a month.'));
    expect(((await state(samuel)).window as { open: boolean }).open).toBe(true);
  }, 60_000);

  it('B7, B8, I9: 25 h later the window is closed with no request in between; a text queues, a template goes out, his reply releases the text', async () => {
    const moved = expectOk(await stack.sandbox('/sandbox/clock', { body: { advanceMs: 25 * HOUR } }));
    expect(JSON.stringify(moved)).toMatch(/true/);
    alice = await stack.login('alice@acme.test');
    const closed = await state(samuel);
    expect((closed.window as { open: boolean }).open).toBe(false);
    expect(closed.canSendText).toBe(false);
    const held = expectOk(
      await send(samuelConversation, { type: 'text', text: 'Are you still interested?' }),
      201,
    );
    expect((held.message as { state: string }).state).toBe('queued');
    const template = expectOk(
      await send(samuelConversation, { type: 'template', name: 'meeting_follow_up', language: 'en_US' }),
      201,
    );
    expect((template.message as { state: string }).state).toBe('sent');
    await eventually(async () =>
      expect((await phone(SAMUEL)).some((m) => m.template?.name === 'meeting_follow_up')).toBe(true),
    );
    expect((await phone(SAMUEL)).map(textOf)).not.toContain('Are you still interested?');
    await says(SAMUEL, 'Yes, tell me more');
    await eventually(async () =>
      expect((await phone(SAMUEL)).map(textOf)).toContain('Are you still interested?'),
    );
  }, 60_000);

  it('B2c: Maria says No and is locked', async () => {
    const maria = await contact('Maria Garcia', MARIA);
    const { conversationId } = await optIn(maria);
    await tap(MARIA, 'No');
    await eventually(async () => expect((await state(maria)).consent).toBe('opted_out'));
    const refused = await send(conversationId, { type: 'text', text: 'Are you sure?' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('opted_out');
    await eventually(async () => expect((await phone(MARIA)).map(textOf).join(' ')).toContain('opted out'));
  }, 60_000);

  it('B2a: the number without WhatsApp ends not_on_whatsapp', async () => {
    const nobody = await contact('Nobody Home', NOBODY);
    await optIn(nobody);
    await eventually(async () => expect((await state(nobody)).consent).toBe('not_on_whatsapp'));
  }, 60_000);

  it('SPEC §2: Ana (Brazil, wa_id without the ninth digit) replies and lands in her conversation', async () => {
    const ana = await contact('Ana Souza', ANA);
    const { conversationId } = await optIn(ana);
    await tap(ANA, 'Yes');
    await eventually(async () => expect((await state(ana)).consent).toBe('opted_in'));
    expect((await state(ana)).conversationId).toBe(conversationId);
  }, 60_000);

  it('I6: duplicated and reordered webhooks change nothing', async () => {
    expectOk(
      await stack.sandbox('/sandbox/faults', { body: { webhookDuplicateRate: 1, webhookReorderRate: 1 } }),
    );
    await says(SAMUEL, 'One more question');
    await says(SAMUEL, 'And another one');
    await eventually(async () => {
      const thread = JSON.stringify(
        expectOk(await stack.api(`/api/v1/conversations/${samuelConversation}/messages`, { token: alice }))
          .items,
      );
      expect(thread.split('One more question').length - 1).toBe(1);
      expect(thread.split('And another one').length - 1).toBe(1);
    });
    expectOk(await stack.sandbox('/sandbox/faults', { method: 'DELETE' }));
    expect((await state(samuel)).consent).toBe('opted_in');
  }, 60_000);

  it('B5, I7: the consent ledger verifies and exports', async () => {
    const admin = await stack.login('admin@acme.test');
    const verify = expectOk(await stack.api('/api/v1/admin/consent-records/verify', { token: admin }));
    expect(verify.ok).toBe(true);
    expect(verify.count).toBeGreaterThanOrEqual(8);
    const json = expectOk(await stack.api('/api/v1/admin/consent-records?format=json', { token: admin }));
    const kinds = (json.records as { kind: string }[]).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['opt_in_requested', 'opt_in_accepted', 'opt_in_rejected', 'not_on_whatsapp']),
    );
    const csv = await stack.api('/api/v1/admin/consent-records?format=csv', { token: admin });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('opt_in_accepted');
  }, 60_000);
});
