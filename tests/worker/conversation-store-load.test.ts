// What a conversation object's store carries across a load (P1, I6): at 10,000 conversations nearly
// every customer message finds its object evicted and loads it again, so what the store learnt before
// (when it last dropped old dedupe keys, whether a consent record waits for the ledger) must come back
// with the load instead of being found out again, or forgotten.
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEDUPE_RETENTION_MS } from '../../shared/time';
import {
  CONVERSATION_SCHEMA_VERSION,
  type ConversationState,
  type Effect,
  type Step,
} from '../../worker/domain/conversation';
import type { ConsentRecordDraft } from '../../worker/domain/ledger';
import { ConversationStore } from '../../worker/durable-objects/conversation-store';

const AT = Date.UTC(2026, 11, 1, 9, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const stepOf = (...effects: Effect[]): Step => ({
  state: { schema: CONVERSATION_SCHEMA_VERSION, id: 'conv-load' } as unknown as ConversationState,
  effects,
  result: { ok: true },
});

const applied = (key: string, at: number): Effect => ({ type: 'applied', key, at });

/** What an object's load does with its store: upgrade the schema, read the state. */
function load(sql: SqlStorage): ConversationStore {
  const store = new ConversationStore(sql);
  store.migrate();
  store.loadState();
  return store;
}

function keys(sql: SqlStorage): string[] {
  return sql
    .exec<{ key: string }>('SELECT key FROM applied ORDER BY key')
    .toArray()
    .map((r) => r.key);
}

describe("a conversation object's store across a load (P1, I6)", () => {
  it('I6: old dedupe keys are dropped at most once an hour, counted across loads', async () => {
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName('store-load-prune'));
    const seen = await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      const first = load(sql);
      first.saveStep(stepOf(applied('wamid.first', AT)));
      // A key older than the retention, as a key from a week ago would be by now.
      sql.exec('INSERT INTO applied (key, at) VALUES (?, ?)', 'wamid.old', AT - DEDUPE_RETENTION_MS - 1);

      // The object is loaded again ten minutes later for the customer's next message.
      const loaded = load(sql);
      loaded.saveStep(stepOf(applied('wamid.second', AT + 10 * MINUTE)));
      const afterLoad = keys(sql);
      // An hour after the last drop, the next key drops what is older than the retention.
      loaded.saveStep(stepOf(applied('wamid.third', AT + HOUR)));
      return { afterLoad, afterHour: keys(sql) };
    });
    expect(seen.afterLoad).toEqual(['wamid.first', 'wamid.old', 'wamid.second']);
    expect(seen.afterHour).toEqual(['wamid.first', 'wamid.second', 'wamid.third']);
  });

  it('I6: an object that never dropped keys drops them at its first message', async () => {
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName('store-load-first-prune'));
    const left = await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      const store = load(sql);
      sql.exec('INSERT INTO applied (key, at) VALUES (?, ?)', 'wamid.old', AT - DEDUPE_RETENTION_MS - 1);
      store.saveStep(stepOf(applied('wamid.new', AT)));
      return keys(sql);
    });
    expect(left).toEqual(['wamid.new']);
  });

  it('a consent record still waiting for the ledger is known after a load, and an empty outbox too', async () => {
    const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName('store-load-outbox'));
    const pending = await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      const store = load(sql);
      store.saveStep(stepOf());
      const empty = load(sql);
      const emptyAfterLoad = empty.hasOutbox();
      const draft = { kind: 'opt_in_requested', orgId: 'acme' } as unknown as ConsentRecordDraft;
      store.saveStep(stepOf({ type: 'ledger', draft }));
      const waiting = load(sql);
      return { empty: emptyAfterLoad, waiting: waiting.hasOutbox() };
    });
    expect(pending).toEqual({ empty: false, waiting: true });
  });
});
