// A local webhook receiver for tests: a Node HTTP server on a free port that keeps the raw bytes of each
// POST, checks `X-Hub-Signature-256` against them (constant time) and answers with a chosen status.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Envelope, EnvelopeSchema } from './schemas';

export interface ReceivedWebhook {
  raw: Buffer;
  signature: string | undefined;
  signatureValid: boolean;
  envelope: Envelope;
  answeredWith: number;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Every POST, also the ones answered with an error status. */
  attempts: number;
  waitFor(predicate: (w: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  waitForCount(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export function verifySignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(
  options: { appSecret?: string; respond?: (attempt: number) => number } = {},
): Promise<Receiver> {
  const secret = options.appSecret ?? 'sandbox-app-secret';
  const received: ReceivedWebhook[] = [];
  const state = { attempts: 0 };
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.attempts++;
      const status = options.respond ? options.respond(state.attempts) : 200;
      const raw = Buffer.concat(chunks);
      const signature = req.headers['x-hub-signature-256'];
      const sig = Array.isArray(signature) ? signature[0] : signature;
      if (status === 200) {
        received.push({
          raw,
          signature: sig,
          signatureValid: verifySignature(raw, sig, secret),
          envelope: EnvelopeSchema.parse(JSON.parse(raw.toString('utf8'))),
          answeredWith: status,
        });
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'EVENT_RECEIVED' : 'nope');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const wait = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const done = check();
      if (done !== undefined) return resolve(done);
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`Timed out waiting for ${what} (received ${received.length})`));
      }, timeoutMs);
      const wake = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(value);
      };
      waiters.add(wake);
    });

  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    received,
    get attempts() {
      return state.attempts;
    },
    waitFor: (predicate, timeoutMs = 5_000) => wait(() => received.find(predicate), timeoutMs, 'a webhook'),
    waitForCount: (count, timeoutMs = 5_000) =>
      wait(
        () => (received.length >= count ? received.slice(0, count) : undefined),
        timeoutMs,
        `${count} webhooks`,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
