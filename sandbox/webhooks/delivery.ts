// Ordered, signed webhook delivery with retries. One queue per sandbox: the head is retried with growing
// backoff (by sandbox clock) until the receiver answers 200, so later events wait behind it and order is
// kept. Faults can duplicate, reorder, delay or fail deliveries. Keeps a log for `GET /sandbox/webhooks`.

import type { SandboxClock } from '../clock';
import type { Faults } from '../faults';
import type { Random } from '../random';
import { asciiJson, signatureFor } from './encode';

export interface WebhookRetrySettings {
  /** First retry delay; each next one is `factor` times longer, capped at `maxDelayMs`. */
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Give up after this many attempts (null = no cap). */
  maxAttempts: number | null;
  /** Give up once this long has passed since the first attempt (Meta: 36 h to 7 days). */
  horizonMs: number;
}

export const DEFAULT_RETRY: WebhookRetrySettings = {
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 5 * 60_000,
  maxAttempts: null,
  horizonMs: 36 * 60 * 60_000,
};

export interface DeliveryAttempt {
  at: number;
  status?: number;
  error?: string;
  /** When the next attempt is due (sandbox clock), if this one failed and another will follow. */
  retryAt?: number;
  /** The backoff chosen after this attempt. */
  retryInMs?: number;
}

export interface DeliveryRecord {
  seq: number;
  summary: string;
  state: 'pending' | 'delivered' | 'dropped' | 'disabled';
  duplicate: boolean;
  attempts: DeliveryAttempt[];
  createdAt: number;
  body: string;
  signature: string;
}

interface Item {
  record: DeliveryRecord;
  notBefore: number;
}

export interface DeliveryOptions {
  url: string | null;
  appSecret: string;
  clock: SandboxClock;
  random: () => Random;
  faults: () => Faults;
  retry: WebhookRetrySettings;
  log: (line: string) => void;
}

export class WebhookDelivery {
  private queue: Item[] = [];
  private busy = false;
  private wake: number | undefined;
  private seq = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  readonly records: DeliveryRecord[] = [];

  constructor(private readonly opts: DeliveryOptions) {}

  enqueue(payload: unknown, summary: string): DeliveryRecord {
    const body = asciiJson(payload);
    const record = this.record(body, summary, false);
    if (this.opts.url === null) {
      record.state = 'disabled';
      return record;
    }
    const item = { record, notBefore: 0 };
    const last = this.queue.length - 1;
    const lastIsInFlight = this.busy && last === 0;
    if (last >= 0 && !lastIsInFlight && this.opts.random().chance(this.opts.faults().webhookReorderRate)) {
      this.queue.splice(last, 0, item);
    } else {
      this.queue.push(item);
    }
    queueMicrotask(() => void this.pump());
    return record;
  }

  pendingCount(): number {
    return this.queue.length;
  }

  /** Resolves when nothing is waiting or in flight (used by tests and shutdown). */
  idle(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.wake !== undefined) this.opts.clock.cancel(this.wake);
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private record(body: string, summary: string, duplicate: boolean): DeliveryRecord {
    const record: DeliveryRecord = {
      seq: ++this.seq,
      summary,
      state: 'pending',
      duplicate,
      attempts: [],
      createdAt: this.opts.clock.now(),
      body,
      signature: signatureFor(body, this.opts.appSecret),
    };
    this.records.push(record);
    if (this.records.length > 2_000) this.records.shift();
    return record;
  }

  private async pump(): Promise<void> {
    if (this.busy || this.closed) return;
    const head = this.queue[0];
    if (!head) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const now = this.opts.clock.now();
    if (head.notBefore > now) {
      if (this.wake !== undefined) this.opts.clock.cancel(this.wake);
      this.wake = this.opts.clock.at(head.notBefore, () => {
        this.wake = undefined;
        void this.pump();
      });
      return;
    }
    this.busy = true;
    try {
      await this.attempt(head);
    } finally {
      this.busy = false;
    }
    void this.pump();
  }

  private async attempt(item: Item): Promise<void> {
    const { record } = item;
    const faults = this.opts.faults();
    if (faults.webhookDelayMs > 0) await new Promise((r) => setTimeout(r, faults.webhookDelayMs));
    if (this.closed) return;
    const attempt: DeliveryAttempt = { at: this.opts.clock.now() };
    record.attempts.push(attempt);
    if (this.simulatedFailure(faults)) {
      attempt.error = 'simulated failure (fault)';
    } else {
      try {
        const res = await fetch(this.opts.url ?? '', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': record.signature },
          body: record.body,
          signal: AbortSignal.timeout(10_000),
        });
        attempt.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        attempt.error = err instanceof Error ? err.message : String(err);
      }
    }
    const outcome = attempt.status ?? attempt.error ?? 'error';
    this.opts.log(
      `webhook #${record.seq} ${record.summary} -> ${outcome} (attempt ${record.attempts.length})`,
    );
    if (attempt.status === 200) {
      record.state = 'delivered';
      this.queue.shift();
      if (this.opts.random().chance(faults.webhookDuplicateRate)) {
        const copy = this.record(record.body, `${record.summary} (duplicate)`, true);
        this.queue.push({ record: copy, notBefore: 0 });
      }
      return;
    }
    this.scheduleRetry(item);
  }

  private simulatedFailure(faults: Faults): boolean {
    if (faults.webhookFailCount > 0) {
      faults.webhookFailCount--;
      return true;
    }
    return this.opts.random().chance(faults.webhookFailRate);
  }

  private scheduleRetry(item: Item): void {
    const { retry, clock } = this.opts;
    const attempts = item.record.attempts.length;
    const first = item.record.attempts[0]?.at ?? clock.now();
    const delay = Math.min(retry.maxDelayMs, retry.initialDelayMs * retry.factor ** (attempts - 1));
    const tooMany = retry.maxAttempts !== null && attempts >= retry.maxAttempts;
    if (tooMany || clock.now() + delay - first > retry.horizonMs) {
      item.record.state = 'dropped';
      this.queue.shift();
      this.opts.log(`webhook #${item.record.seq} dropped after ${attempts} attempts`);
      return;
    }
    item.notBefore = clock.now() + delay;
    const last = item.record.attempts[attempts - 1];
    if (last) Object.assign(last, { retryAt: item.notBefore, retryInMs: delay });
  }
}
