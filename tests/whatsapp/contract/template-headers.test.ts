// Contract: templates with a header (reference §1.4, issue 10 item 4). A TEXT header with a variable
// goes with its header parameter; an IMAGE / DOCUMENT header with the uploaded media id. The sandbox
// checks them as Meta does: a missing header parameter is 132000, one of the wrong type 132012.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DemoTemplate } from '../../../shared/demo';
import { WhatsAppApiError } from '../../../worker/whatsapp';
import { ACME, rejectionOf, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
  const acme = world.sandbox.state.numbers.find((n) => n.phoneNumberId === ACME.phoneNumberId);
  acme?.templates.push(template('order_update', [{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' }]));
  acme?.templates.push(template('sofa_photo', [{ type: 'HEADER', format: 'IMAGE' }]));
});
afterEach(async () => {
  await world.close();
});

function template(name: string, header: DemoTemplate['components']): DemoTemplate {
  return {
    id: String(399999999999100 + name.length),
    name,
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components: [...header, { type: 'BODY', text: 'Hi {{1}}, here is the update.' }],
  };
}

const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

interface Inbox {
  messages: Array<{
    wamid: string;
    template?: { header?: string; headerMedia?: { type: string; mediaId?: string } };
  }>;
}
const sent = async (wamid: string) =>
  (
    (await world.control('GET', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`)) as Inbox
  ).messages.find((m) => m.wamid === wamid);

const codeOf = async (promise: Promise<unknown>) => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WhatsAppApiError);
  return (error as WhatsAppApiError).code;
};

describe('contract: template headers', () => {
  it('§1.4 a TEXT header variable goes as a header parameter and the customer sees it filled in', async () => {
    const result = await world.client().sendTemplate(SAMUEL, {
      name: 'order_update',
      language: 'en_US',
      headerParams: ['#4711'],
      bodyParams: ['Sam'],
    });
    expect((await sent(result.messageId))?.template?.header).toBe('Order #4711');
  });

  it('132000: a TEXT header variable left out is refused', async () => {
    const send = world
      .client()
      .sendTemplate(SAMUEL, { name: 'order_update', language: 'en_US', bodyParams: ['Sam'] });
    expect(await codeOf(send)).toBe(132000);
  });

  it('§1.4 an IMAGE header goes with the uploaded media id and reaches the phone with its picture', async () => {
    const client = world.client();
    const { id } = await client.uploadMedia(JPEG, 'image/jpeg', 'sofa.jpg');
    const result = await client.sendTemplate(SAMUEL, {
      name: 'sofa_photo',
      language: 'en_US',
      headerMedia: { type: 'image', mediaId: id },
      bodyParams: ['Sam'],
    });
    expect((await sent(result.messageId))?.template?.headerMedia).toEqual({ type: 'image', mediaId: id });
  });

  it('132000 / 132012: an IMAGE header without its picture, or with text instead, is refused', async () => {
    const client = world.client();
    expect(
      await codeOf(
        client.sendTemplate(SAMUEL, { name: 'sofa_photo', language: 'en_US', bodyParams: ['Sam'] }),
      ),
    ).toBe(132000);
    const wrongType = client.sendTemplate(SAMUEL, {
      name: 'sofa_photo',
      language: 'en_US',
      headerParams: ['not a picture'],
      bodyParams: ['Sam'],
    });
    expect(await codeOf(wrongType)).toBe(132012);
  });
});
