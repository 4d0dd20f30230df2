// Starts a sandbox on a free port wired to a local webhook receiver, with small helpers that talk to it
// over plain HTTP the way the worker and a tester would.

import { expect } from 'vitest';
import { z } from 'zod';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../../sandbox/index';
import { DEMO_ORGS, OPT_IN_TEMPLATE_NAME } from '../../../shared/demo';
import { type Receiver, startReceiver } from './receiver';
import { GraphErrorSchema, type Inbound, inboundOf, SendOkSchema, type Status, statusesOf } from './schemas';

const [acmeOrg, globexOrg] = DEMO_ORGS;
if (!acmeOrg || !globexOrg) throw new Error('demo orgs missing');
export const ACME = acmeOrg.number;
export const GLOBEX = globexOrg.number;
export const SAMUEL = '+14155550101';
export const MARIA = '+14155550102';
export const ANA = '+5511912345678';
export const NOT_ON_WA = '+14155550199';
export const V = 'v24.0';

export interface Reply {
  status: number;
  json: unknown;
}

export interface Harness {
  url: string;
  receiver: Receiver;
  running: RunningSandbox;
  graph(path: string, init?: { method?: string; token?: string | null; body?: unknown }): Promise<Reply>;
  send(body: Record<string, unknown>, opts?: { token?: string | null; numberId?: string }): Promise<Reply>;
  sendOk(body: Record<string, unknown>, opts?: { token?: string; numberId?: string }): Promise<string>;
  expectError(reply: Reply, code: number, http: number): void;
  control(method: string, path: string, body?: unknown): Promise<Reply>;
  userSays(phone: string, body: Record<string, unknown>): Promise<string>;
  advance(ms: number): Promise<Reply>;
  waitStatus(wamid: string, status: Status['status']): Promise<Status>;
  statusesOf(wamid: string): Status[];
  waitInbound(wamid: string): Promise<Inbound>;
  close(): Promise<void>;
}

export const text = (to: string, body: string, extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'text',
  text: { body },
  ...extra,
});

export const template = (
  to: string,
  name: string,
  params: string[],
  extra: Record<string, unknown> = {},
) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  template: {
    name,
    language: { code: 'en_US' },
    components: params.length
      ? [{ type: 'body', parameters: params.map((p) => ({ type: 'text', text: p })) }]
      : [],
  },
  ...extra,
});

export const optIn = (to: string, first = 'Samuel') => template(to, OPT_IN_TEMPLATE_NAME, [first]);

export async function startHarness(
  options: SandboxOptions & { respond?: (attempt: number) => number } = {},
): Promise<Harness> {
  const { respond, ...sandboxOptions } = options;
  const receiver = await startReceiver(respond ? { respond } : {});
  const running = await startSandbox({
    port: 0,
    webhookUrl: receiver.url,
    workerClockUrl: null,
    stateFile: null,
    webhookRetry: { initialDelayMs: 20, maxDelayMs: 200 },
    ...sandboxOptions,
  });
  const url = running.url;

  const call = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown },
  ) => {
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...init.headers },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const textBody = await res.text();
    let json: unknown = textBody;
    try {
      json = JSON.parse(textBody);
    } catch {}
    return { status: res.status, json };
  };

  const h: Harness = {
    url,
    receiver,
    running,
    graph: (path, init = {}) => {
      const token = init.token === undefined ? ACME.accessToken : init.token;
      return call(`/${V}${path}`, {
        ...(init.method ? { method: init.method } : {}),
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        body: init.body,
      });
    },
    send: (body, opts = {}) =>
      h.graph(`/${opts.numberId ?? ACME.phoneNumberId}/messages`, {
        method: 'POST',
        token: opts.token === undefined ? ACME.accessToken : opts.token,
        body,
      }),
    sendOk: async (body, opts = {}) => {
      const reply = await h.send(body, opts);
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      const ok = SendOkSchema.parse(reply.json);
      const id = ok.messages[0]?.id;
      if (!id) throw new Error('no wamid');
      return id;
    },
    expectError: (reply, code, http) => {
      expect({ status: reply.status, json: reply.json }).toMatchObject({
        status: http,
        json: { error: { code } },
      });
      const parsed = GraphErrorSchema.parse(reply.json);
      expect(parsed.error.message.startsWith(`(#${code}) `)).toBe(true);
    },
    control: (method, path, body) => call(path, { method, body }),
    userSays: async (phone, body) => {
      const reply = await call(`/sandbox/users/${encodeURIComponent(phone)}/messages`, {
        method: 'POST',
        body,
      });
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      return z.object({ wamid: z.string() }).parse(reply.json).wamid;
    },
    advance: (ms) => call('/sandbox/clock', { method: 'POST', body: { advanceMs: ms } }),
    statusesOf: (wamid) =>
      receiver.received.flatMap((w) => statusesOf(w.envelope)).filter((s) => s.id === wamid),
    waitStatus: async (wamid, status) => {
      await receiver.waitFor((w) =>
        statusesOf(w.envelope).some((s) => s.id === wamid && s.status === status),
      );
      const found = h.statusesOf(wamid).find((s) => s.status === status);
      if (!found) throw new Error('status vanished');
      return found;
    },
    waitInbound: async (wamid) => {
      const w = await receiver.waitFor((x) => inboundOf(x.envelope).some((m) => m.id === wamid));
      const found = inboundOf(w.envelope).find((m) => m.id === wamid);
      if (!found) throw new Error('inbound vanished');
      return found;
    },
    close: async () => {
      await running.close();
      await receiver.close();
    },
  };
  return h;
}

/** Lets queued webhooks go out: resolves once the sandbox has nothing pending. */
export async function settle(h: Harness): Promise<void> {
  await h.running.sandbox.world.webhooks.idle();
}
