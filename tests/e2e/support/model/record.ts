// What running one scenario leaves behind for the checks: its customers, every message a user wrote
// (with the answer), violations seen while stepping (I4 retries, I5, I8), oddities that are not
// invariant violations, and one line per step for the report.
import type { UserName } from './scenario';

export type Rule = 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'I7' | 'I8' | 'I9';

export interface Violation {
  rule: Rule;
  detail: string;
}

export interface Customer {
  phone: string;
  onWhatsApp: boolean;
  contactId: string;
}

export interface Written {
  key: string;
  body: Record<string, unknown>;
  /** The unique token in its text or typed template field. */
  token: string;
  kind: 'text' | 'template';
  actor: UserName;
  customer: number;
  status: number;
  messageId: string | null;
  state: string | null;
  holdReason: string | null;
  /** How far the scenario had moved the clock when it was written (ms; see `clockMovedMs`). */
  clockAt: number;
  /**
   * The message this one writes again: a resend with its key and body after the key's 24 h, which
   * is a new message (I4), so the customer may get the same text once for each.
   */
  rewriteOf?: string;
}

export interface RunRecord {
  customers: Customer[];
  written: Written[];
  violations: Violation[];
  anomalies: string[];
  log: string[];
  /** The clock jumps of the scenario so far, summed (ms). */
  clockMovedMs: number;
}

export function newRecord(customers: Customer[]): RunRecord {
  return { customers, written: [], violations: [], anomalies: [], log: [], clockMovedMs: 0 };
}
