// A recording proxy between the worker and the sandbox's Graph API: every send (POST
// /{version}/{phone-number-id}/messages) is forwarded as it came and noted with the time it arrived,
// the text it carried and WhatsApp's answer (accepted, or the error code), so P3 can measure the send
// rate as WhatsApp sees it and find a message sent twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SendRecord {
  /** performance.now() when the request arrived. */
  at: number;
  to: string;
  text: string | null;
  accepted: boolean;
  code: number | null;
}

export interface SendRecorder {
  url: string;
  sends: SendRecord[];
  close(): Promise<void>;
}

const SEND_PATH = /^\/v[\d.]+\/\d+\/messages$/;

function noteSend(sends: SendRecord[], at: number, body: string, status: number, answer: string): void {
  try {
    const sent = JSON.parse(body) as {
      to?: string;
      recipient?: string;
      text?: { body?: string };
      status?: string;
    };
    if (sent.status === 'read') return; // a read receipt, not a send
    const error = status >= 300 ? (JSON.parse(answer) as { error?: { code?: number } }).error : undefined;
    sends.push({
      at,
      to: sent.to ?? sent.recipient ?? '',
      text: sent.text?.body ?? null,
      accepted: status < 300,
      code: error?.code ?? null,
    });
  } catch {
    // not JSON: not ours to count
  }
}

/** Forwarding on a fresh connection each time (a reused one can be closed under it by the sandbox). */
const agent = new http.Agent({ keepAlive: false });

function forward(
  target: string,
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

export async function startSendRecorder(target: string): Promise<SendRecorder> {
  const sends: SendRecord[] = [];
  const server = http.createServer(async (req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const { status, type, answer } = await forward(target, req, body);
    if (req.method === 'POST' && SEND_PATH.test(req.url ?? '')) {
      noteSend(sends, at, body.toString('utf8'), status, answer.toString('utf8'));
    }
    res.writeHead(status, { 'content-type': type });
    res.end(answer);
  });
  // workerd keeps its connections to us open; closing an idle one first (Node's default after 5 s) races
  // with the next send on it, which the worker then rightly reports as an unknown outcome (I4).
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sends,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
