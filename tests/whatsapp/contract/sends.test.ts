// Contract: every send type of our client against the sandbox, with the statuses that follow
// (reference §1, §2.5, §5.1).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPT_IN_TEMPLATE_NAME } from '../../../shared/demo';
import type { MessageEvent, StatusEvent } from '../../../worker/whatsapp';
import { ACME, ANA, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

interface Inbox {
  messages: Array<{
    wamid: string;
    type: string;
    text?: string;
    state: string;
    template?: { name: string; params: string[]; buttons: Array<{ payload: string; text: string }> };
    image?: { mediaId?: string; caption?: string };
    interactive?: { body: string; buttons: Array<{ id: string; title: string }> };
    contextId?: string;
  }>;
}

async function inbox(phone: string): Promise<Inbox> {
  return (await world.control('GET', `/sandbox/users/${encodeURIComponent(phone)}/messages`)) as Inbox;
}

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

describe('contract: sends (reference §1)', () => {
  it('B6 §1.2: a text inside the window is accepted, quoted, and goes sent → delivered with pricing and our callback data', async () => {
    const inbound = await world.userSays(SAMUEL, 'Hi there');
    const client = world.client();
    const result = await client.sendText(SAMUEL, 'Hello Samuel', {
      replyTo: inbound,
      bizOpaqueCallbackData: 'gl_msg_1',
    });
    expect(result).toMatchObject({ input: SAMUEL, waId: '14155550101' });
    expect(result.messageId).toMatch(/^wamid\./);
    expect(result.messageId.length).toBeLessThanOrEqual(128);

    const statuses = (await world.statusesOf(result.messageId, 'delivered')) as StatusEvent[];
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered']);
    for (const s of statuses) {
      expect(s).toMatchObject({
        phoneNumberId: ACME.phoneNumberId,
        wabaId: ACME.wabaId,
        recipientId: '14155550101',
        bizOpaqueCallbackData: 'gl_msg_1',
        errors: [],
      });
    }
    expect(statuses[0]?.pricing).toMatchObject({ pricingModel: 'PMP', category: 'service' });
    const [received] = (await inbox(SAMUEL)).messages;
    expect(received).toMatchObject({ type: 'text', text: 'Hello Samuel', contextId: inbound });
  });

  it('§1.3 image by uploaded media id with caption', async () => {
    await world.userSays(SAMUEL, 'Send me a picture');
    const client = world.client();
    const { id } = await client.uploadMedia(PNG, 'image/png', 'aloe.png');
    const result = await client.sendImage(SAMUEL, { mediaId: id, caption: 'The best succulent ever?' });
    await world.statusesOf(result.messageId, 'delivered');
    const [received] = (await inbox(SAMUEL)).messages;
    expect(received).toMatchObject({
      type: 'image',
      image: { mediaId: id, caption: 'The best succulent ever?' },
    });
  });

  it('B1 §1.4: the opt-in template with a body parameter and Yes/No quick-reply payloads; the tap comes back as a button message', async () => {
    const client = world.client();
    const result = await client.sendTemplate(
      SAMUEL,
      {
        name: OPT_IN_TEMPLATE_NAME,
        language: 'en_US',
        bodyParams: ['Samuel'],
        quickReplyPayloads: ['optin:yes', 'optin:no'],
      },
      { bizOpaqueCallbackData: 'optin_1' },
    );
    expect(result.messageStatus).toBe('accepted');
    await world.statusesOf(result.messageId, 'delivered');
    const [received] = (await inbox(SAMUEL)).messages;
    expect(received?.template).toMatchObject({
      name: OPT_IN_TEMPLATE_NAME,
      params: ['Samuel'],
      buttons: [
        { text: 'Yes', payload: 'optin:yes' },
        { text: 'No', payload: 'optin:no' },
      ],
    });

    await world.control('POST', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`, {
      button: { payload: 'optin:yes', text: 'Yes' },
      contextId: result.messageId,
    });
    const { events } = await world.waitForEvents((all) => all.some((e) => e.type === 'message'));
    const tap = events.find((e): e is MessageEvent => e.type === 'message');
    expect(tap).toMatchObject({
      from: '14155550101',
      waId: '14155550101',
      profileName: 'Samuel Johnson',
      content: { kind: 'button', payload: 'optin:yes', text: 'Yes' },
      context: { messageId: result.messageId },
    });
  });

  it('§1.5 interactive reply buttons with header and footer', async () => {
    await world.userSays(SAMUEL, 'Can we reschedule?');
    const client = world.client();
    const result = await client.sendInteractiveButtons(SAMUEL, {
      header: 'Workshop',
      body: 'Reschedule?',
      footer: 'Acme',
      buttons: [
        { id: 'change-button', title: 'Change' },
        { id: 'cancel-button', title: 'Cancel' },
      ],
    });
    await world.statusesOf(result.messageId, 'delivered');
    const [received] = (await inbox(SAMUEL)).messages;
    expect(received).toMatchObject({
      type: 'interactive',
      interactive: {
        body: 'Reschedule?',
        buttons: [
          { id: 'change-button', title: 'Change' },
          { id: 'cancel-button', title: 'Cancel' },
        ],
      },
    });
  });

  it('§1.9 mark as read of an inbound message answers success', async () => {
    const inbound = await world.userSays(SAMUEL, 'Are you there?');
    await expect(world.client().markAsRead(inbound)).resolves.toBeUndefined();
  });

  it('B9 §2.5: the phone reading the chat produces a read status after delivered', async () => {
    await world.userSays(SAMUEL, 'hello');
    const result = await world.client().sendText(SAMUEL, 'Read me');
    await world.statusesOf(result.messageId, 'delivered');
    await world.control('POST', `/sandbox/users/${encodeURIComponent(SAMUEL)}/read`, {});
    const statuses = await world.statusesOf(result.messageId, 'read');
    expect(statuses.map((s) => (s.type === 'status' ? s.status : ''))).toEqual(['sent', 'delivered', 'read']);
    // Pricing rides on `sent` and on exactly one of delivered/read; v24 drops `conversation` (§2.5).
    const priced = statuses.map((s) => s.type === 'status' && s.pricing !== undefined);
    expect(priced[0]).toBe(true);
    expect(priced.slice(1).filter(Boolean)).toHaveLength(1);
    for (const s of statuses) expect(s.type === 'status' && s.conversation).toBeFalsy();
  });

  it('§1.10 Brazil: wa_id differs from the input and both are reported', async () => {
    const result = await world.client().sendTemplate(ANA, {
      name: 'appointment_reminder',
      language: 'en_US',
      bodyParams: ['Ana', 'Alice', 'Monday 10:00'],
    });
    expect(result).toMatchObject({ input: ANA, waId: '551112345678' });
    const [sent] = await world.statusesOf(result.messageId, 'delivered');
    expect(sent).toMatchObject({ status: 'sent', recipientId: '551112345678' });
  });

  it('§1.1 `to` with spaces, dashes and parentheses reaches the same user; input is echoed as sent', async () => {
    await world.userSays(SAMUEL, 'hi');
    const result = await world.client().sendText('+1 (415) 555-0101', 'formatted number');
    expect(result).toMatchObject({ input: '+1 (415) 555-0101', waId: '14155550101' });
    await world.statusesOf(result.messageId, 'delivered');
    expect((await inbox(SAMUEL)).messages.map((m) => m.text)).toEqual(['formatted number']);
  });

  it('§2.3 Brazil inbound: `from` is the phone number, contacts[].wa_id the normalised id', async () => {
    await world.userSays(ANA, 'Olá');
    const { events } = await world.waitForEvents((all) => all.some((e) => e.type === 'message'));
    expect(events[0]).toMatchObject({ type: 'message', from: '5511912345678', waId: '551112345678' });
  });
});
