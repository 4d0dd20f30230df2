// A scripted fetch for unit tests: records every request and answers from a queue.
export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  /** Parsed JSON for JSON bodies, the FormData for multipart, undefined when there is no body. */
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

export type Reply = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

export function fakeFetch(...replies: Reply[]) {
  const calls: RecordedCall[] = [];
  const queue = [...replies];
  async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const call: RecordedCall = {
      url: String(input instanceof Request ? input.url : input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
    };
    if (typeof init?.body === 'string') call.json = JSON.parse(init.body);
    if (init?.body instanceof FormData) call.form = init.body;
    if (init?.signal) call.signal = init.signal;
    calls.push(call);
    const reply = queue.shift();
    if (reply === undefined) throw new Error('fake fetch: no reply scripted');
    if (reply instanceof Error) throw reply;
    if (reply instanceof Response) return reply;
    return reply(call);
  }
  return { fetch, calls };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Meta's send success (reference §1.10). */
export function sendOk(
  id = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
  input = '+16505551234',
) {
  return json({
    messaging_product: 'whatsapp',
    contacts: [{ input, wa_id: input.replace(/\D/g, '') }],
    messages: [{ id }],
  });
}

export const CONFIG = {
  baseUrl: 'https://graph.facebook.com',
  apiVersion: 'v24.0',
  accessToken: 'test-token',
  phoneNumberId: '106540352242922',
} as const;

export const MESSAGES_URL = 'https://graph.facebook.com/v24.0/106540352242922/messages';
