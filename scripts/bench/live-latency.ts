// P2 benchmark: customer message → event on the user's WebSocket, with 200 active conversations, on
// the real local stack (`wrangler dev` + the sandbox, as `npm start` runs it). Prints p50 / p95 / p99
// and the ratio to the 50 ms target. The path measured is the whole local one: the sandbox signs and
// delivers the webhook, the worker verifies and routes it, the conversation object applies it and
// pushes the frame through the user's live object to the socket.
//   npm run bench            (defaults: 200 conversations, 300 messages)
//   npm run bench -- --conversations 50 --messages 100
import { parseArgs } from 'node:util';
import { startStack, type Stack } from '../../tests/e2e/support/stack';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '200' },
    messages: { type: 'string', default: '300' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const MESSAGES = Number(values.messages);
const TARGET_P99_MS = 50;

const phoneOf = (i: number) => `+1415557${String(i).padStart(4, '0')}`;

function body<T>(reply: { status: number; body: unknown }, what: string): T {
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as T;
}

async function setUp(stack: Stack, token: string, i: number): Promise<string> {
  const phone = phoneOf(i);
  body(
    await stack.sandbox('/sandbox/users', { body: { phone, name: `Bench ${i}`, onWhatsApp: true } }),
    'sandbox user',
  );
  const contact = body<{ id: string }>(
    await stack.api('/api/v1/contacts', { method: 'PUT', token, body: { name: `Bench ${i}`, phone } }),
    'contact',
  );
  const optIn = body<{ conversation: { conversationId: string } }>(
    await stack.api(`/api/v1/contacts/${contact.id}/whatsapp/opt-in`, { method: 'POST', token }),
    'opt-in',
  );
  const received = body<{
    messages: { wamid: string; template?: { buttons: { text: string; payload: string }[] } }[];
  }>(await stack.sandbox(`/sandbox/users/${encodeURIComponent(phone)}/messages`), 'phone');
  const template = received.messages.find((m) => m.template);
  const yes = template?.template?.buttons.find((b) => b.text === 'Yes');
  if (!template || !yes) throw new Error(`no opt-in on ${phone}`);
  body(
    await stack.sandbox(`/sandbox/users/${encodeURIComponent(phone)}/messages`, {
      body: { button: { payload: yes.payload, text: 'Yes' }, contextId: template.wamid },
    }),
    'tap',
  );
  return optIn.conversation.conversationId;
}

/** Waits until the sandbox has delivered every webhook of the setup (it delivers them in order). */
async function drained(stack: Stack): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const log = body<{ pending: number }>(await stack.sandbox('/sandbox/webhooks'), 'webhooks');
    if (log.pending === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the sandbox still has webhooks to deliver after 5 minutes');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const started = Date.now();
  const stack = await startStack();
  try {
    const token = await stack.login('alice@acme.test');
    for (let i = 0; i < CONVERSATIONS; i++) await setUp(stack, token, i);
    await drained(stack);
    const setupS = (Date.now() - started) / 1000;

    const { url } = body<{ url: string }>(
      await stack.api('/api/v1/live/ticket', { method: 'POST', token }),
      'ticket',
    );
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new Error('socket did not open')));
    });
    const waiting = new Map<string, (at: number) => void>();
    ws.addEventListener('message', (e) => {
      const frame = JSON.parse(String(e.data)) as {
        type: string;
        item?: { type: string; text: string | null };
      };
      const text = frame.type === 'item' && frame.item?.type === 'inbound' ? frame.item.text : null;
      if (text) waiting.get(text)?.(performance.now());
    });

    const latencies: number[] = [];
    // The first messages warm the live object and the socket path; they are not counted.
    const WARM_UP = 10;
    for (let m = -WARM_UP; m < MESSAGES; m++) {
      const text = `bench message ${m}`;
      const phone = phoneOf((m + WARM_UP) % CONVERSATIONS);
      const arrived = new Promise<number>((resolve) => waiting.set(text, resolve));
      const t0 = performance.now();
      body(
        await stack.sandbox(`/sandbox/users/${encodeURIComponent(phone)}/messages`, { body: { text } }),
        'customer message',
      );
      const t1 = await Promise.race([
        arrived,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error(`no frame for "${text}"`)), 10_000),
        ),
      ]);
      if (m >= 0) latencies.push(t1 - t0);
      waiting.delete(text);
    }
    ws.close();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    console.log(
      `P2 live latency: ${CONVERSATIONS} conversations, ${MESSAGES} customer messages (setup ${setupS.toFixed(1)} s)`,
    );
    console.log(
      `  p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${sorted.at(-1)?.toFixed(1)} ms`,
    );
    console.log(
      `  p99 / target (${TARGET_P99_MS} ms): ${(p99 / TARGET_P99_MS).toFixed(2)}  ${p99 <= TARGET_P99_MS ? 'within target' : 'over target'}`,
    );
  } finally {
    await stack.stop();
  }
}

await main();
