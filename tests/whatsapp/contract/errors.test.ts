// Contract: synchronous errors (reference §1.11, §6) parsed by our client into WhatsAppApiError with
// the domain's decision. HTTP statuses are asserted as the reference documents them, but the client
// never branches on them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPT_IN_TEMPLATE_NAME } from '../../../shared/demo';
import { WhatsAppApiError } from '../../../worker/whatsapp';
import { ACME, GLOBEX, rejectionOf, SAMUEL, startWorld, type World } from './harness';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

async function apiError(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WhatsAppApiError);
  const e = error as WhatsAppApiError;
  // Every synchronous error carries Meta's envelope fields (reference §1.11).
  expect(e.type).toBe('OAuthException');
  expect(e.fbtraceId).toEqual(expect.any(String));
  expect(e.title.length).toBeGreaterThan(0);
  return e;
}

describe('contract: synchronous errors', () => {
  it('190: a wrong token is HTTP 401 / code 190, decision pause_number', async () => {
    const e = await apiError(world.client(ACME, 'not-a-token').sendText(SAMUEL, 'hi'));
    expect(e).toMatchObject({ code: 190, httpStatus: 401 });
    expect(e.decision.action).toBe('pause_number');
  });

  it("190: another number's token does not open this number", async () => {
    const e = await apiError(world.client(ACME, GLOBEX.accessToken).sendText(SAMUEL, 'hi'));
    expect(e).toMatchObject({ code: 190, httpStatus: 401 });
  });

  it('100: an invalid parameter value type is HTTP 400 / code 100', async () => {
    const e = await apiError(world.client().sendRaw({ to: SAMUEL, type: 'text', text: { body: 42 } }));
    expect(e).toMatchObject({ code: 100, httpStatus: 400 });
    expect(e.details).toEqual(expect.any(String));
    expect(e.decision.action).toBe('final');
  });

  it('131008: a missing required parameter (text.body) is HTTP 400 / code 131008', async () => {
    const e = await apiError(world.client().sendRaw({ to: SAMUEL, type: 'text', text: {} }));
    expect(e).toMatchObject({ code: 131008, httpStatus: 400, title: 'Required parameter is missing' });
    expect(e.details).toEqual(expect.any(String));
  });

  it('131009: an image id that is not ours is HTTP 400 / code 131009', async () => {
    await world.userSays(SAMUEL, 'hello');
    const e = await apiError(world.client().sendImage(SAMUEL, { mediaId: '999999999999' }));
    expect(e).toMatchObject({ code: 131009, httpStatus: 400, title: 'Parameter value is not valid' });
  });

  it('132000: too few body parameters is HTTP 400 / code 132000', async () => {
    const e = await apiError(
      world
        .client()
        .sendTemplate(SAMUEL, { name: 'meeting_follow_up', language: 'en_US', bodyParams: ['Sam'] }),
    );
    expect(e).toMatchObject({ code: 132000, httpStatus: 400, title: 'Template Param Count Mismatch' });
    expect(e.decision.action).toBe('final');
  });

  it('132001: an unknown template is HTTP 404 / code 132001', async () => {
    const e = await apiError(
      world.client().sendTemplate(SAMUEL, { name: 'no_such_template', language: 'en_US' }),
    );
    expect(e).toMatchObject({ code: 132001, httpStatus: 404 });
    expect(e.decision.action).toBe('final');
  });

  it('132001: a PENDING template is not sendable (only APPROVED, reference §1.4)', async () => {
    const e = await apiError(
      world.client().sendTemplate(SAMUEL, { name: 'order_shipped', language: 'en_US', bodyParams: ['A-1'] }),
    );
    expect(e).toMatchObject({ code: 132001, httpStatus: 404 });
  });

  it('132001: an approved template in a language it does not have', async () => {
    const e = await apiError(
      world
        .client()
        .sendTemplate(SAMUEL, { name: OPT_IN_TEMPLATE_NAME, language: 'de', bodyParams: ['Sam'] }),
    );
    expect(e).toMatchObject({ code: 132001, httpStatus: 404 });
  });

  it('132012: a body parameter with a newline is HTTP 400 / code 132012', async () => {
    const e = await apiError(
      world.client().sendTemplate(SAMUEL, {
        name: 'meeting_follow_up',
        language: 'en_US',
        bodyParams: ['Sam\nuel', 'Alice', 'Acme'],
      }),
    );
    expect(e).toMatchObject({ code: 132012, httpStatus: 400 });
  });

  it("131021: sending to the business's own number is refused", async () => {
    const e = await apiError(world.client().sendText(ACME.displayPhoneNumber, 'me?'));
    expect(e).toMatchObject({ code: 131021, httpStatus: 400 });
  });

  it('nothing was sent for any refused request', async () => {
    await rejectionOf(world.client(ACME, 'bad').sendText(SAMUEL, 'hi'));
    await rejectionOf(world.client().sendTemplate(SAMUEL, { name: 'no_such_template', language: 'en_US' }));
    const inbox = (await world.control('GET', `/sandbox/users/${encodeURIComponent(SAMUEL)}/messages`)) as {
      messages: unknown[];
    };
    expect(inbox.messages).toEqual([]);
  });
});
