// Contract-test world: the sandbox in process on port 0 with a frozen base clock (time moves only by
// POST /sandbox/clock), a local webhook receiver (node:http on port 0) that keeps the raw bytes and
// signature of every delivery, and our own client pointed at the sandbox.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../../sandbox/index';
import { DEMO_API_VERSION, DEMO_APP_SECRET, DEMO_ORGS, type DemoNumber } from '../../../shared/demo';
import {
  createWhatsAppClient,
  parseWebhook,
  verifySignature,
  type WebhookEvent,
  type WebhookProblem,
} from '../../../worker/whatsapp';

export const ACME = (DEMO_ORGS[0] as { number: DemoNumber }).number;
export const GLOBEX = (DEMO_ORGS[1] as { number: DemoNumber }).number;
export const SAMUEL = '+14155550101';
export const MARIA = '+14155550102';
export const ANA = '+5511912345678';
export const NOBODY = '+14155550199';
/** The demo customer with a username who hides her number (2026): reachable by BSUID. */
export const LENA = '+14155550103';
export const LENA_BSUID = 'US.13491208655302741918';
/** 2026-11-24T09:00:00Z: the sandbox's base clock, frozen so tests decide when time passes. */
export const BASE_TIME = Date.UTC(2026, 10, 24, 9, 0, 0);

export interface Delivery {
  raw: Uint8Array;
  signature: string | null;
  contentType: string | null;
}

async function startReceiver() {
  const deliveries: Delivery[] = [];
  /** Attempts answered 500 before the receiver starts acknowledging. */
  const state = { refuse: 0, refused: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (state.refuse > 0) {
        state.refuse--;
        state.refused++;
        res.writeHead(500).end('try again');
        return;
      }
      const header = req.headers['x-hub-signature-256'];
      deliveries.push({
        raw: new Uint8Array(Buffer.concat(chunks)),
        signature: typeof header === 'string' ? header : null,
        contentType: req.headers['content-type'] ?? null,
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    deliveries,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

export async function startWorld() {
  const receiver = await startReceiver();
  const running = await startSandbox({
    port: 0,
    webhookUrl: receiver.url,
    appSecret: DEMO_APP_SECRET,
    workerClockUrl: null,
    stateFile: null,
    now: () => BASE_TIME,
  });
  const calls: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input instanceof Request ? input.url : input)}`);
    return fetch(input, init);
  };

  function client(number: DemoNumber = ACME, accessToken = number.accessToken) {
    return createWhatsAppClient({
      baseUrl: running.url,
      apiVersion: DEMO_API_VERSION,
      accessToken,
      phoneNumberId: number.phoneNumberId,
      fetch: countingFetch,
    });
  }

  async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const res = await fetch(`${running.url}${path}`, init);
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** Every delivery so far, parsed by our own parser, with whether its signature verified. */
  async function received() {
    const events: WebhookEvent[] = [];
    const problems: WebhookProblem[] = [];
    const signatures: boolean[] = [];
    for (const delivery of [...receiver.deliveries]) {
      signatures.push(await verifySignature(delivery.raw, delivery.signature, DEMO_APP_SECRET));
      const parsed = parseWebhook(JSON.parse(new TextDecoder().decode(delivery.raw)));
      events.push(...parsed.events);
      problems.push(...parsed.problems);
    }
    return { events, problems, signatures };
  }

  /** Waits until the webhook events satisfy `done` (deliveries are asynchronous). */
  async function waitForEvents(done: (events: WebhookEvent[]) => boolean, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await received();
      if (done(result.events)) return result;
      if (Date.now() > deadline) {
        throw new Error(`webhook events not seen in time: ${JSON.stringify(result.events.map(summary))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The status events of one outbound message, in arrival order, once `status` has arrived. */
  async function statusesOf(messageId: string, status: string) {
    const { events } = await waitForEvents((all) =>
      all.some((e) => e.type === 'status' && e.messageId === messageId && e.status === status),
    );
    return events.filter((e) => e.type === 'status' && e.messageId === messageId);
  }

  /** The customer writes: opens the 24 h window (reference §5.1). Returns the inbound wamid. */
  async function userSays(phone: string, text: string, to = ACME.phoneNumberId): Promise<string> {
    const result = (await control('POST', `/sandbox/users/${encodeURIComponent(phone)}/messages`, {
      text,
      to,
    })) as { wamid: string };
    return result.wamid;
  }

  return {
    url: running.url,
    /** The sandbox's own state, for set-ups no control endpoint offers (e.g. an extra template). */
    sandbox: running.sandbox.world,
    receiver,
    calls,
    client,
    control,
    received,
    waitForEvents,
    statusesOf,
    userSays,
    advance: (advanceMs: number) => control('POST', '/sandbox/clock', { advanceMs }),
    faults: (patch: Record<string, unknown>) => control('POST', '/sandbox/faults', patch),
    close: async () => {
      await running.close();
      await receiver.close();
    },
  };
}

function summary(e: WebhookEvent): string {
  if (e.type === 'status') return `status ${e.status} ${e.messageId}`;
  if (e.type === 'message') return `message ${e.content.kind} ${e.messageId}`;
  return e.type;
}

/** Rejection of `promise`, for asserting typed errors. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
