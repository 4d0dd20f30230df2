// The send recorder's own thread (see send-recorder.ts): it only accepts the worker's sends, notes
// when each arrived and forwards it to the sandbox. The bench's main thread delivers webhooks and
// drives customers; a send stamped there waited for that work (measured: up to 23–86 ms a few times
// a drain), which WhatsApp's servers, doing nothing else for this number, would not add.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export interface RecordedSend {
  /** Epoch ms (performance.timeOrigin + performance.now() in this thread) when the request arrived. */
  atEpoch: number;
  to: string;
  text: string | null;
  accepted: boolean;
  code: number | null;
}

export type RecorderMessage =
  | { type: 'listening'; port: number }
  | { type: 'send'; send: RecordedSend }
  | { type: 'closed' };

const SEND_PATH = /^\/v[\d.]+\/\d+\/messages$/;
const { target } = workerData as { target: string };
const port = parentPort;
if (!port) throw new Error('send-recorder-thread runs as a worker thread');

function noted(atEpoch: number, body: string, status: number, answer: string): RecordedSend | null {
  try {
    const sent = JSON.parse(body) as {
      to?: string;
      recipient?: string;
      text?: { body?: string };
      status?: string;
    };
    if (sent.status === 'read') return null; // a read receipt, not a send
    const error = status >= 300 ? (JSON.parse(answer) as { error?: { code?: number } }).error : undefined;
    return {
      atEpoch,
      to: sent.to ?? sent.recipient ?? '',
      text: sent.text?.body ?? null,
      accepted: status < 300,
      code: error?.code ?? null,
    };
  } catch {
    return null; // not JSON: not ours to count
  }
}

/** Forwarding on a fresh connection each time (a reused one can be closed under it by the sandbox). */
const agent = new http.Agent({ keepAlive: false });

function forward(
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; type: string; answer: Buffer }> {
  const headers = { ...req.headers, host: new URL(target).host, connection: 'close' };
  return new Promise((resolve, reject) => {
    const out = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 502,
          type: String(res.headers['content-type'] ?? 'application/json'),
          answer: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

const server = http.createServer(async (req, res) => {
  const atEpoch = performance.timeOrigin + performance.now();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  try {
    const { status, type, answer } = await forward(req, body);
    if (req.method === 'POST' && SEND_PATH.test(req.url ?? '')) {
      const send = noted(atEpoch, body.toString('utf8'), status, answer.toString('utf8'));
      if (send) port.postMessage({ type: 'send', send } satisfies RecorderMessage);
    }
    res.writeHead(status, { 'content-type': type });
    res.end(answer);
  } catch {
    res.writeHead(502).end();
  }
});
// workerd keeps its connections to us open; closing an idle one first (Node's default after 5 s) races
// with the next send on it, which the worker then rightly reports as an unknown outcome (I4).
server.keepAliveTimeout = 10 * 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port: listening } = server.address() as AddressInfo;
  port.postMessage({ type: 'listening', port: listening } satisfies RecorderMessage);
});
port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  server.close(() => port.postMessage({ type: 'closed' } satisfies RecorderMessage));
  server.closeAllConnections();
});
