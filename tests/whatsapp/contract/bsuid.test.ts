// Contract: customers with a WhatsApp username (2026, reference §1.10, §2.3, §2.5). Lena hides her
// number: her webhooks carry her BSUID and no `from` / `wa_id`; our client sends to her BSUID and the
// statuses name her by it; an authentication template to a BSUID is refused with 131062, as Meta does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent, StatusEvent } from '../../../worker/whatsapp';
import { WhatsAppApiError } from '../../../worker/whatsapp';
import { ACME, LENA, LENA_BSUID, rejectionOf, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const messageEvent = async (wamid: string) => {
  const { events, problems } = await world.waitForEvents((all) =>
    all.some((e) => e.type === 'message' && e.messageId === wamid),
  );
  expect(problems).toEqual([]);
  return events.find((e): e is MessageEvent => e.type === 'message' && e.messageId === wamid);
};

describe('contract: a customer known by BSUID (2026)', () => {
  it('§2.3 her message names her by BSUID, parent and username, with no phone at all', async () => {
    const wamid = await world.userSays(LENA, 'Hi, is the sofa still available?');
    const event = await messageEvent(wamid);
    expect(event).toMatchObject({
      userId: LENA_BSUID,
      parentUserId: 'US.ENT.11815799212886844830',
      username: '@lena.fischer',
      profileName: 'Lena Fischer',
      content: { kind: 'text', body: 'Hi, is the sofa still available?' },
    });
    expect(event).not.toHaveProperty('from');
    expect(event).not.toHaveProperty('waId');
  });

  it('§1.10 a text sent to her BSUID reaches her; the answer and the statuses name her by BSUID only', async () => {
    await world.userSays(LENA, 'hello');
    const result = await world.client().sendText(LENA_BSUID, 'Yes, it is!');
    expect(result).toMatchObject({ input: LENA_BSUID, waId: '', userId: LENA_BSUID });
    const statuses = (await world.statusesOf(result.messageId, 'delivered')) as StatusEvent[];
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered']);
    for (const s of statuses) {
      expect(s).toMatchObject({ recipientUserId: LENA_BSUID, recipientUsername: '@lena.fischer' });
      expect(s).not.toHaveProperty('recipientId');
    }
    const inbox = (await world.control('GET', `/sandbox/users/${encodeURIComponent(LENA)}/messages`)) as {
      messages: Array<{ wamid: string; text?: string; addressedBy: string }>;
    };
    expect(inbox.messages.find((m) => m.wamid === result.messageId)).toMatchObject({
      text: 'Yes, it is!',
      addressedBy: 'bsuid',
    });
  });

  it('131062: an authentication template to a BSUID is refused before it goes; to her phone it is accepted', async () => {
    const acme = world.sandbox.state.numbers.find((n) => n.phoneNumberId === ACME.phoneNumberId);
    acme?.templates.push({
      id: '399999999999001',
      name: 'login_code',
      language: 'en_US',
      status: 'APPROVED',
      category: 'AUTHENTICATION',
      parameter_format: 'POSITIONAL',
      components: [
        { type: 'BODY', text: '{{1}} is your verification code.', example: { body_text: [['123456']] } },
      ],
    });
    const template = { name: 'login_code', language: 'en_US', bodyParams: ['482913'] };
    const error = await rejectionOf(world.client().sendTemplate(LENA_BSUID, template));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ code: 131062, decision: { action: 'final' } });
    await expect(world.client().sendTemplate(LENA, template)).resolves.toMatchObject({ input: LENA });
  });

  it('a utility template may go to a BSUID (only authentication is refused)', async () => {
    const result = await world.client().sendTemplate(LENA_BSUID, {
      name: 'meeting_follow_up',
      language: 'en_US',
      bodyParams: ['Lena', 'Alice', 'Acme'],
    });
    const statuses = await world.statusesOf(result.messageId, 'delivered');
    expect(statuses.map((s) => (s.type === 'status' ? s.status : ''))).toEqual(['sent', 'delivered']);
  });

  it('she shows her number again: her next message carries from and wa_id beside the BSUID', async () => {
    await world.control('POST', `/sandbox/users/${encodeURIComponent(LENA)}/privacy`, { phoneHidden: false });
    const wamid = await world.userSays(LENA, 'my number is +1 415 555 0103');
    expect(await messageEvent(wamid)).toMatchObject({
      from: '14155550103',
      waId: '14155550103',
      userId: LENA_BSUID,
    });
  });

  it('an unknown BSUID is accepted and then fails like a number not on WhatsApp (131026)', async () => {
    const result = await world.client().sendTemplate('US.99999999999999999', {
      name: 'meeting_follow_up',
      language: 'en_US',
      bodyParams: ['x', 'y', 'z'],
    });
    const [failed] = (await world.statusesOf(result.messageId, 'failed')) as StatusEvent[];
    expect(failed).toMatchObject({ recipientUserId: 'US.99999999999999999', errors: [{ code: 131026 }] });
  });
});
