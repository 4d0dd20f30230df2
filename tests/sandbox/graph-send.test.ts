// The send endpoint over HTTP: Bearer tokens, Meta's validation codes and HTTP statuses, the success
// shape, wa_id for Brazil, and mark-as-read (reference §1, §6; SPEC §5 Sandbox).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME,
  ANA,
  GLOBEX,
  type Harness,
  optIn,
  SAMUEL,
  startHarness,
  template,
  text,
} from './support/harness';
import { GraphErrorSchema, SendOkSchema } from './support/schemas';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const buttons = (n: number, title = (i: number) => `B${i}`) => ({
  messaging_product: 'whatsapp',
  to: SAMUEL,
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: 'Pick one' },
    action: {
      buttons: Array.from({ length: n }, (_, i) => ({
        type: 'reply',
        reply: { id: `id-${i}`, title: title(i) },
      })),
    },
  },
});

describe('Bearer token (190)', () => {
  it('190: a missing token gets 401 in Meta OAuthException envelope', async () => {
    const reply = await h.send(text(SAMUEL, 'hi'), { token: null });
    h.expectError(reply, 190, 401);
    const { error } = GraphErrorSchema.parse(reply.json);
    expect(error.error_data.messaging_product).toBe('whatsapp');
    expect(error.fbtrace_id.length).toBeGreaterThan(4);
  });

  it('190: a wrong token and another number’s token both get 401', async () => {
    h.expectError(await h.send(text(SAMUEL, 'hi'), { token: 'not-a-token' }), 190, 401);
    h.expectError(await h.send(text(SAMUEL, 'hi'), { token: GLOBEX.accessToken }), 190, 401);
  });

  it('each demo token works for its own number', async () => {
    await h.sendOk(optIn(SAMUEL));
    await h.sendOk(template(SAMUEL, 'greenline_opt_in', ['Sam']), {
      token: GLOBEX.accessToken,
      numberId: GLOBEX.phoneNumberId,
    });
  });

  it('100: a valid token on a phone number id that does not exist gets 400 code 100', async () => {
    h.expectError(await h.send(text(SAMUEL, 'hi'), { numberId: '123456789' }), 100, 400);
  });
});

describe('validation errors as Meta answers them', () => {
  it('100: non-JSON body, wrong messaging_product, unknown type', async () => {
    h.expectError(
      await h.graph(`/${ACME.phoneNumberId}/messages`, { method: 'POST', body: 'not json' }),
      100,
      400,
    );
    h.expectError(await h.send({ ...text(SAMUEL, 'hi'), messaging_product: 'sms' }), 100, 400);
    h.expectError(
      await h.send({ messaging_product: 'whatsapp', to: SAMUEL, type: 'carrier_pigeon' }),
      100,
      400,
    );
    h.expectError(await h.send({ messaging_product: 'whatsapp', to: SAMUEL, type: 'toString' }), 100, 400);
  });

  it('131008: missing to, missing type, missing text.body, missing template name, image without id or link', async () => {
    const { to: _to, ...noTo } = text(SAMUEL, 'hi');
    h.expectError(await h.send(noTo), 131008, 400);
    h.expectError(await h.send({ messaging_product: 'whatsapp', to: SAMUEL }), 131008, 400);
    h.expectError(
      await h.send({ messaging_product: 'whatsapp', to: SAMUEL, type: 'text', text: {} }),
      131008,
      400,
    );
    h.expectError(
      await h.send({
        messaging_product: 'whatsapp',
        to: SAMUEL,
        type: 'template',
        template: { language: { code: 'en_US' } },
      }),
      131008,
      400,
    );
    h.expectError(
      await h.send({ messaging_product: 'whatsapp', to: SAMUEL, type: 'image', image: {} }),
      131008,
      400,
    );
  });

  it('131009: text over 4096 characters (4096 is fine)', async () => {
    h.expectError(await h.send(text(SAMUEL, 'x'.repeat(4097))), 131009, 400);
    await h.sendOk(text(SAMUEL, 'x'.repeat(4096)));
  });

  it('131009: image caption over 1024 characters, and id together with link', async () => {
    const image = (img: Record<string, unknown>) => ({
      messaging_product: 'whatsapp',
      to: SAMUEL,
      type: 'image',
      image: img,
    });
    h.expectError(
      await h.send(image({ link: 'https://example.com/a.png', caption: 'c'.repeat(1025) })),
      131009,
      400,
    );
    h.expectError(await h.send(image({ id: '9123', link: 'https://example.com/a.png' })), 131009, 400);
    h.expectError(await h.send(image({ id: '9123456789012345' })), 131009, 400);
  });

  it('131009: more than 3 reply buttons, a title over 20 characters, duplicate titles', async () => {
    await h.sendOk(buttons(3));
    h.expectError(await h.send(buttons(4)), 131009, 400);
    h.expectError(await h.send(buttons(2, (i) => `${'t'.repeat(20)}${i}`)), 131009, 400);
    h.expectError(await h.send(buttons(2, () => 'Same')), 131009, 400);
  });

  it('132001: unknown, PENDING and REJECTED templates answer HTTP 404', async () => {
    h.expectError(await h.send(template(SAMUEL, 'no_such_template', [])), 132001, 404);
    h.expectError(await h.send(template(SAMUEL, 'order_shipped', ['A1'])), 132001, 404);
    h.expectError(await h.send(template(SAMUEL, 'flash_sale_blast', [])), 132001, 404);
    const wrongLanguage = template(SAMUEL, 'greenline_opt_in', ['Sam']);
    wrongLanguage.template.language.code = 'de';
    h.expectError(await h.send(wrongLanguage), 132001, 404);
  });

  it('132000: body parameter count differs from the template’s placeholders', async () => {
    h.expectError(await h.send(template(SAMUEL, 'meeting_follow_up', ['Samuel', 'Alice'])), 132000, 400);
    h.expectError(await h.send(template(SAMUEL, 'greenline_opt_in', [])), 132000, 400);
    h.expectError(await h.send(template(SAMUEL, 'greenline_opt_in', ['a', 'b'])), 132000, 400);
  });

  it('132012: parameter with a newline, a non-text parameter, a quick-reply parameter that is not a payload', async () => {
    h.expectError(await h.send(template(SAMUEL, 'greenline_opt_in', ['Sam\nuel'])), 132012, 400);
    h.expectError(await h.send(template(SAMUEL, 'greenline_opt_in', ['Sam     uel'])), 132012, 400);
    const image = template(SAMUEL, 'greenline_opt_in', []);
    const imageParam = {
      ...image,
      template: { ...image.template, components: [{ type: 'body', parameters: [{ type: 'image' }] }] },
    };
    h.expectError(await h.send(imageParam), 132012, 400);
    const badButton = {
      ...optIn(SAMUEL),
      template: {
        ...optIn(SAMUEL).template,
        components: [
          ...optIn(SAMUEL).template.components,
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'text', text: 'x' }] },
        ],
      },
    };
    h.expectError(await h.send(badButton), 132012, 400);
  });

  it('131051: message types the sandbox does not simulate', async () => {
    h.expectError(
      await h.send({
        messaging_product: 'whatsapp',
        to: SAMUEL,
        type: 'location',
        location: { latitude: 1, longitude: 2 },
      }),
      131051,
      400,
    );
  });

  it('131009: biz_opaque_callback_data over 512 characters', async () => {
    h.expectError(
      await h.send(text(SAMUEL, 'hi', { biz_opaque_callback_data: 'x'.repeat(513) })),
      131009,
      400,
    );
  });
});

describe('success', () => {
  it('200 with contacts[{input, wa_id}] and messages[{id}], wamid.base64 of at most 128 characters', async () => {
    const reply = await h.send(text('+1 (415) 555-0101', 'hello'));
    expect(reply.status).toBe(200);
    const ok = SendOkSchema.parse(reply.json);
    expect(ok.contacts[0]).toEqual({ input: '+1 (415) 555-0101', wa_id: '14155550101' });
    const id = ok.messages[0]?.id ?? '';
    expect(id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(id.length).toBeLessThanOrEqual(128);
    expect(Buffer.from(id.slice(6), 'base64').toString('base64')).toBe(id.slice(6));
  });

  it('template sends carry message_status "accepted"; every wamid is different', async () => {
    const a = SendOkSchema.parse((await h.send(optIn(SAMUEL))).json);
    const b = SendOkSchema.parse((await h.send(optIn(SAMUEL))).json);
    expect(a.messages[0]?.message_status).toBe('accepted');
    expect(a.messages[0]?.id).not.toBe(b.messages[0]?.id);
  });

  it('wa_id: the Brazilian demo user’s wa_id drops the ninth digit while input is echoed', async () => {
    const ok = SendOkSchema.parse((await h.send(optIn(ANA, 'Ana'))).json);
    expect(ok.contacts[0]).toEqual({ input: ANA, wa_id: '551112345678' });
  });

  it('131021: the business cannot message its own number', async () => {
    h.expectError(await h.send(optIn(ACME.displayPhoneNumber)), 131021, 400);
  });
});

describe('mark as read', () => {
  it('status read on a message the user sent answers {success:true}; their message shows as read on the phone', async () => {
    const wamid = await h.userSays(SAMUEL, { text: 'hello there' });
    const reply = await h.send({ messaging_product: 'whatsapp', status: 'read', message_id: wamid });
    expect(reply).toEqual({ status: 200, json: { success: true } });
    const inbox = await h.control('GET', `/sandbox/users/${SAMUEL}/messages`);
    expect(inbox.json).toMatchObject({ sent: [{ wamid, readByBusiness: true }] });
  });

  it('100: marking an unknown message read; 131008 without message_id', async () => {
    h.expectError(
      await h.send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.nope' }),
      100,
      400,
    );
    h.expectError(await h.send({ messaging_product: 'whatsapp', status: 'read' }), 131008, 400);
  });
});
