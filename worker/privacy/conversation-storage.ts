// Issue 12 inside one conversation object: retention (bodies past the cutoff become stubs, in the
// thread log and in the core's state, in one transaction) and the subject-access export of the whole
// log. Works on the object's SQLite tables (conversation-store.ts) without changing their schema.
import type { ConversationState, InboundMessage } from '../domain/conversation';
import type { OutboundMessage } from '../domain/messages';
import {
  isPastRetention,
  type Removable,
  type Removal,
  stubInbound,
  stubOutbound,
  stubStateMessages,
} from './redact';

export interface RetentionCounts {
  outbound: number;
  inbound: number;
}

/** Stubs every finished outbound message and every customer message that reached us before `cutoff`. */
export function sweepLog(sql: SqlStorage, cutoff: number, removal: Removal): RetentionCounts {
  const counts = { outbound: 0, inbound: 0 };
  const outbound = sql
    .exec<{ id: string; json: string }>(
      `SELECT id, json FROM messages WHERE created_at < ? AND json_extract(json, '$.removed') IS NULL`,
      cutoff,
    )
    .toArray();
  for (const row of outbound) {
    const message = JSON.parse(row.json) as Removable<OutboundMessage>;
    if (!isPastRetention(message, cutoff)) continue;
    sql.exec(
      `UPDATE messages SET json = ? WHERE id = ?`,
      JSON.stringify(stubOutbound(message, removal)),
      row.id,
    );
    counts.outbound++;
  }
  const inbound = sql
    .exec<{ seq: number; json: string }>(
      `SELECT seq, json FROM events WHERE kind = 'inbound' AND at < ? AND json_extract(json, '$.removed') IS NULL`,
      cutoff,
    )
    .toArray();
  for (const row of inbound) {
    const stub = stubInbound(JSON.parse(row.json) as InboundMessage, removal);
    sql.exec(`UPDATE events SET json = ? WHERE seq = ?`, JSON.stringify(stub), row.seq);
    counts.inbound++;
  }
  return counts;
}

/** The state as retention leaves it (finished messages it still holds stubbed too). */
export function sweepState(state: ConversationState, cutoff: number, removal: Removal): ConversationState {
  return stubStateMessages(state, cutoff, removal);
}

export interface ConversationLogExport {
  outbound: unknown[];
  inbound: unknown[];
  system: unknown[];
}

/** What `ConversationObject.privacyExport` answers (as JSON). */
export interface PrivacyExport {
  state: ConversationState;
  log: ConversationLogExport;
}

/** Every row of the thread log, as stored (subject-access export). */
export function exportLog(sql: SqlStorage): ConversationLogExport {
  const outbound = sql
    .exec<{ json: string }>(`SELECT json FROM messages ORDER BY created_at`)
    .toArray()
    .map((r): unknown => JSON.parse(r.json));
  const events = sql
    .exec<{ thread_id: string; at: number; kind: string; json: string }>(
      `SELECT thread_id, at, kind, json FROM events ORDER BY seq`,
    )
    .toArray();
  const pick = (kind: string) =>
    events
      .filter((e) => (kind === 'inbound' ? e.kind === 'inbound' : e.kind !== 'inbound'))
      .map((e): unknown => ({ threadId: e.thread_id, at: e.at, ...(JSON.parse(e.json) as object) }));
  return { outbound, inbound: pick('inbound'), system: pick('system') };
}
