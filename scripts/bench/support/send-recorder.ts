// A recording proxy between the worker and the sandbox's Graph API: every send (POST
// /{version}/{phone-number-id}/messages) is forwarded as it came and noted with the time it arrived,
// the text it carried and WhatsApp's answer (accepted, or the error code), so P3 can measure the send
// rate as WhatsApp sees it and find a message sent twice.
import { createServer, type Server } from 'node:http';
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

export async function startSendRecorder(target: string): Promise<SendRecorder> {
  const sends: SendRecord[] = [];
  const server: Server = createServer(async (req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
    }
    const upstream = await fetch(`${target}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (req.method === 'POST' && SEND_PATH.test(req.url ?? '')) {
      noteSend(sends, at, body.toString('utf8'), upstream.status, answer.toString('utf8'));
    }
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(answer);
  });
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
