// Error envelopes (reference §1.11, §6) and transport failures, with a fake fetch.
import { describe, expect, it } from 'vitest';
import {
  createWhatsAppClient,
  WhatsAppApiError,
  WhatsAppTransportError,
  type WhatsAppClient,
} from '../../worker/whatsapp';
import { CONFIG, fakeFetch, json, type Reply } from './helpers/fake-fetch';

function client(...replies: Reply[]): WhatsAppClient {
  return createWhatsAppClient({ ...CONFIG, fetch: fakeFetch(...replies).fetch });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

async function apiError(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(WhatsAppApiError);
  return error as WhatsAppApiError;
}

async function transportError(promise: Promise<unknown>): Promise<WhatsAppTransportError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(WhatsAppTransportError);
  return error as WhatsAppTransportError;
}

describe('Meta error envelope → WhatsAppApiError', () => {
  it('§1.11 130429 with error_subcode, error_data and fbtrace_id: every field, decision retry', async () => {
    const c = client(
      json(
        {
          error: {
            message: '(#130429) Rate limit hit',
            type: 'OAuthException',
            code: 130429,
            error_data: {
              messaging_product: 'whatsapp',
              details: 'Cloud API message throughput has been reached.',
            },
            error_subcode: 2494055,
            fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
          },
        },
        400,
      ),
    );
    const e = await apiError(c.sendText('+16505551234', 'hi'));
    expect(e.code).toBe(130429);
    expect(e.subcode).toBe(2494055);
    expect(e.details).toBe('Cloud API message throughput has been reached.');
    expect(e.fbtraceId).toBe('Az8or2yhqkZfEZ-_4Qn_Bam');
    expect(e.httpStatus).toBe(400);
    expect(e.title).toBe('Rate limit hit');
    expect(e.type).toBe('OAuthException');
    expect(e.decision).toMatchObject({ code: 130429, action: 'retry' });
  });

  it('190 without error_subcode nor error_data: optional fields absent, decision pause_number', async () => {
    const c = client(
      json(
        {
          error: {
            message: 'Error validating access token: Session has expired',
            type: 'OAuthException',
            code: 190,
            fbtrace_id: 'A1',
          },
        },
        401,
      ),
    );
    const e = await apiError(c.sendText('+16505551234', 'hi'));
    expect(e.code).toBe(190);
    expect(e.subcode).toBeUndefined();
    expect(e.details).toBeUndefined();
    expect(e.title).toBe('Error validating access token: Session has expired');
    expect(e.httpStatus).toBe(401);
    expect(e.decision.action).toBe('pause_number');
  });

  it('132001 comes back with HTTP 404 and is still an API error, not an expired URL', async () => {
    const c = client(
      json(
        {
          error: {
            message: '(#132001) Template name does not exist in the translation',
            type: 'OAuthException',
            code: 132001,
            error_data: {
              messaging_product: 'whatsapp',
              details: 'template name (nope) does not exist in en_US',
            },
            fbtrace_id: 'B2',
          },
        },
        404,
      ),
    );
    const e = await apiError(c.sendTemplate('+16505551234', { name: 'nope', language: 'en_US' }));
    expect(e.code).toBe(132001);
    expect(e.httpStatus).toBe(404);
    expect(e.decision.action).toBe('final');
  });

  it('branches on code, never on HTTP status: 131056 answered as HTTP 429 is retry_pair', async () => {
    const c = client(
      json(
        {
          error: {
            message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
            code: 131056,
          },
        },
        429,
      ),
    );
    const e = await apiError(c.sendText('+16505551234', 'hi'));
    expect(e.decision.action).toBe('retry_pair');
    expect(e.httpStatus).toBe(429);
  });

  it('an error envelope with error_data as a plain string and a numeric-string code', async () => {
    const c = client(
      json(
        { error: { message: '(#100) Invalid parameter', code: '100', error_data: 'Param to invalid' } },
        400,
      ),
    );
    const e = await apiError(c.sendText('+16505551234', 'hi'));
    expect(e.code).toBe(100);
    expect(e.details).toBe('Param to invalid');
    expect(e.title).toBe('Invalid parameter');
  });

  it('optional Graph fields is_transient and error_user_title are tolerated', async () => {
    const c = client(
      json(
        {
          error: {
            message: '(#131000) Something went wrong',
            code: 131000,
            is_transient: true,
            error_user_title: 'Oops',
            error_user_msg: 'Try later',
          },
        },
        500,
      ),
    );
    const e = await apiError(c.sendText('+16505551234', 'hi'));
    expect(e.isTransient).toBe(true);
    expect(e.decision.action).toBe('retry');
  });

  it.each([
    [131047, 'requeue_window'],
    [131026, 'not_on_whatsapp'],
    [131031, 'pause_number'],
    [132000, 'final'],
    [2, 'retry'],
  ] as const)('code %i carries the domain decision %s', async (code, action) => {
    const c = client(json({ error: { message: `(#${code}) x`, code } }, 400));
    const e = await apiError(c.sendText('+16505551234', 'hi'));
    expect(e.decision.action).toBe(action);
  });

  it('an error envelope on a non-send call (media) is an API error too', async () => {
    const c = client(
      json({ error: { message: '(#100) Invalid parameter', code: 100, error_subcode: 33 } }, 400),
    );
    const e = await apiError(c.getMedia('404404'));
    expect(e.code).toBe(100);
    expect(e.subcode).toBe(33);
  });
});

describe('no definite answer → WhatsAppTransportError (sends: outcome unknown, SPEC I4)', () => {
  it('I4: a network failure on a send is outcomeUnknown and the client does not retry', async () => {
    const fake = fakeFetch(new TypeError('fetch failed'));
    const c = createWhatsAppClient({ ...CONFIG, fetch: fake.fetch });
    const e = await transportError(c.sendText('+16505551234', 'hi'));
    expect(e.failure).toBe('network');
    expect(e.outcomeUnknown).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });

  it('I4: a timeout on a send is outcomeUnknown', async () => {
    const hang = (call: { signal?: AbortSignal }) =>
      new Promise<Response>((_resolve, reject) => {
        call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
      });
    const fake = fakeFetch(hang);
    const c = createWhatsAppClient({ ...CONFIG, fetch: fake.fetch, timeoutMs: 20 });
    const e = await transportError(c.sendTemplate('+16505551234', { name: 'hello_world', language: 'en' }));
    expect(e.failure).toBe('timeout');
    expect(e.outcomeUnknown).toBe(true);
  });

  it('I4: a 200 whose body is not JSON is bad_response, outcome unknown', async () => {
    const c = client(new Response('<html>ok</html>', { status: 200 }));
    const e = await transportError(c.sendText('+16505551234', 'hi'));
    expect(e.failure).toBe('bad_response');
    expect(e.outcomeUnknown).toBe(true);
  });

  it('I4: a 200 JSON without messages[].id is bad_response, outcome unknown', async () => {
    const c = client(
      json({ messaging_product: 'whatsapp', contacts: [{ input: '+1', wa_id: '1' }], messages: [] }),
    );
    const e = await transportError(c.sendText('+16505551234', 'hi'));
    expect(e.failure).toBe('bad_response');
    expect(e.outcomeUnknown).toBe(true);
  });

  it('I4: a proxy 502 page (not an error envelope) is http with its status, outcome unknown', async () => {
    const c = client(new Response('Bad Gateway', { status: 502 }));
    const e = await transportError(c.sendText('+16505551234', 'hi'));
    expect(e.failure).toBe('http');
    expect(e.httpStatus).toBe(502);
    expect(e.outcomeUnknown).toBe(true);
  });

  it('transport failures of non-sends (mark as read, media, templates) are not outcomeUnknown', async () => {
    const c = client(
      new TypeError('fetch failed'),
      new Response('nope', { status: 503 }),
      json({ data: 'x' }),
    );
    expect((await transportError(c.markAsRead('wamid.X'))).outcomeUnknown).toBe(false);
    expect((await transportError(c.getMedia('1'))).outcomeUnknown).toBe(false);
    const list = await transportError(c.listTemplates('200000000000001'));
    expect(list).toMatchObject({ failure: 'bad_response', outcomeUnknown: false });
  });

  it('mark as read answered {success:false} is bad_response', async () => {
    const c = client(json({ success: false }));
    expect((await transportError(c.markAsRead('wamid.X'))).failure).toBe('bad_response');
  });
});
