// After a scenario: faults off, the clock moved on in steps so every retry and delivery is due, a wait
// until the sandbox is quiet (polling only the sandbox, so nothing the worker does is prompted by a
// read: I9), then one snapshot of what each customer's phone holds and the webhook log, then the
// worker's side (every thread any demo user may read, the contacts' states, the consent ledger and
// its verify), then the phones once more: anything sent only after those reads is an I9 violation.
import { asJson, type Json, type ModelClient } from './client';
import type { RunRecord } from './record';
import { USERS } from './scenario';

const SETTLE_STEP_MS = 20 * 60_000;
const SETTLE_ROUNDS = 3;
const QUIET_MS = 1_200;
const QUIET_TIMEOUT_MS = 45_000;

export interface PhoneMessage {
  wamid: string;
  type: string;
  text?: string;
  template?: { name: string; body?: string; params?: unknown };
  image?: { caption?: string };
  timestamp: number;
  state: string;
  error?: { code: number };
}

export interface SentMessage {
  wamid: string;
  type: string;
  text?: string;
  button?: { payload: string; text: string };
  timestamp: number;
}

export interface Inbox {
  phone: string;
  messages: PhoneMessage[];
  sent: SentMessage[];
}

export interface Delivery {
  seq: number;
  state: string;
  body: string;
  attempts: { at: number; status?: number }[];
}

export interface ThreadItem {
  type: 'outbound' | 'inbound' | 'system';
  id?: string;
  at: number;
  kind?: string;
  wamid?: string | null;
  text?: string | null;
  state?: string;
  holdReason?: string | null;
  failure?: { code: number | string } | null;
  authorId?: string | null;
}

export interface Observation {
  inboxes: Inbox[];
  deliveries: Delivery[];
  snapshotAt: number;
  /** conversationId → items of all its readable threads, thread by thread, oldest thread first. */
  threads: Map<string, ThreadItem[]>;
  views: Json[];
  ledger: Json[];
  verify: Json;
  /** Phone messages that appeared only after the worker's API was read. */
  late: PhoneMessage[];
  quiet: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function phones(client: ModelClient, record: RunRecord): Promise<Inbox[]> {
  return Promise.all(
    record.customers.map(async (c) => {
      const inbox = await client.inbox(c.phone);
      return {
        phone: c.phone,
        messages: inbox.messages as PhoneMessage[],
        sent: inbox.sent as SentMessage[],
      };
    }),
  );
}

/** Polls the sandbox only: no pending webhook and the phones unchanged for QUIET_MS. */
async function quiet(client: ModelClient, record: RunRecord): Promise<boolean> {
  const until = Date.now() + QUIET_TIMEOUT_MS;
  let last = '';
  let since = Date.now();
  while (Date.now() < until) {
    const pending = asJson(await client.sandbox('/sandbox/webhooks')).pending;
    const now = JSON.stringify(await phones(client, record));
    if (now !== last || pending !== 0) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= QUIET_MS) return true;
    await sleep(250);
  }
  return false;
}

export async function settle(client: ModelClient, record: RunRecord): Promise<boolean> {
  await client.sandbox('/sandbox/faults', { method: 'DELETE' });
  let calm = true;
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    await client.sandbox('/sandbox/clock', { body: { advanceMs: SETTLE_STEP_MS } });
    calm = await quiet(client, record);
  }
  return calm;
}

interface ThreadRef {
  conversationId: string;
  startedAt: number;
  /** Everyone who lists it; a current participant (readOnly false) first. */
  readers: { user: (typeof USERS)[number]; readOnly: boolean }[];
}

const itemKey = (i: ThreadItem) => (i.type === 'system' ? `s ${i.at} ${i.text}` : `${i.type} ${i.id}`);

/**
 * One thread as all its readers see it: a leaver sees it only up to leaving, so items are merged,
 * each as many times as the reader showing it most often shows it (a doubled item stays doubled).
 */
async function readThread(client: ModelClient, threadId: string, ref: ThreadRef): Promise<ThreadItem[]> {
  const path = `/api/v1/conversations/${ref.conversationId}/messages?thread=${encodeURIComponent(threadId)}`;
  const merged = new Map<string, { item: ThreadItem; count: number }>();
  for (const reader of [...ref.readers].sort((a, b) => Number(a.readOnly) - Number(b.readOnly))) {
    const items = (asJson(await client.api(reader.user, path)).items ?? []) as ThreadItem[];
    const counts = new Map<string, number>();
    for (const item of items) counts.set(itemKey(item), (counts.get(itemKey(item)) ?? 0) + 1);
    for (const item of items) {
      const known = merged.get(itemKey(item));
      const count = counts.get(itemKey(item)) ?? 1;
      if (!known) merged.set(itemKey(item), { item, count });
      else known.count = Math.max(known.count, count);
    }
  }
  return [...merged.values()]
    .sort((a, b) => a.item.at - b.item.at)
    .flatMap(({ item, count }) => Array.from({ length: count }, () => item));
}

async function readThreads(
  client: ModelClient,
  conversations: Set<string>,
): Promise<Map<string, ThreadItem[]>> {
  const refs = new Map<string, ThreadRef>();
  for (const user of USERS) {
    const list = asJson(await client.api(user, '/api/v1/threads?limit=200'));
    for (const t of (list.threads ?? []) as Json[]) {
      const conversationId = String(t.conversationId);
      if (!conversations.has(conversationId)) continue;
      const ref = refs.get(String(t.threadId)) ?? {
        conversationId,
        startedAt: Number(t.startedAt),
        readers: [],
      };
      ref.readers.push({ user, readOnly: t.readOnly === true });
      refs.set(String(t.threadId), ref);
    }
  }
  const threads = new Map<string, ThreadItem[]>();
  const ordered = [...refs.entries()].sort((a, b) => a[1].startedAt - b[1].startedAt);
  for (const [threadId, ref] of ordered) {
    const items = await readThread(client, threadId, ref);
    threads.set(ref.conversationId, [...(threads.get(ref.conversationId) ?? []), ...items]);
  }
  return threads;
}

export async function observe(client: ModelClient, record: RunRecord): Promise<Observation> {
  const calm = await settle(client, record);
  const inboxes = await phones(client, record);
  const log = asJson(await client.sandbox('/sandbox/webhooks'));
  const clock = asJson(await client.sandbox('/sandbox/clock'));
  const views = await Promise.all(
    record.customers.map(async (c) =>
      asJson(await client.api('alice', `/api/v1/contacts/${c.contactId}/whatsapp`)),
    ),
  );
  const conversations = new Set(views.map((v) => String(v.conversationId)));
  const threads = await readThreads(client, conversations);
  const ledger = (asJson(await client.api('shawn', '/api/v1/admin/consent-records?format=json')).records ??
    []) as Json[];
  const verify = asJson(await client.api('shawn', '/api/v1/admin/consent-records/verify'));
  await sleep(QUIET_MS);
  const after = await phones(client, record);
  const known = new Set(inboxes.flatMap((i) => i.messages.map((m) => m.wamid)));
  return {
    inboxes,
    deliveries: (log.deliveries ?? []) as Delivery[],
    snapshotAt: Number(clock.nowMs),
    threads,
    views,
    ledger: ledger.filter((r) => conversations.has(String(r.conversationId))),
    verify,
    late: after.flatMap((i) => i.messages.filter((m) => !known.has(m.wamid))),
    quiet: calm,
  };
}
