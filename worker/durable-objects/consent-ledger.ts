// One org's consent ledger (B5, I7): the only writer of that org's hash chain (`idFromName(orgId)`).
// Appends are idempotent by key and run one at a time; each record is sealed with SHA-256, stored
// with the head in one transaction, then copied to the directory database. The object's own chain is
// authoritative: a failed copy stays marked in its storage and is retried on the next append, on
// `flushCopy()` and from the alarm. Storage statements: consent-ledger-store.ts.
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import { now } from '../clock';
import {
  appendRecord,
  type ConsentRecord,
  type ConsentRecordDraft,
  consentRecordDraftSchema,
  consentRecordSchema,
  GENESIS_HASH,
  type VerifyResult,
} from '../domain/ledger';
import type { Env } from '../env';
import { describeZodError, safeMessage } from '../middleware/errors';
import { sha256Hex, verifyStored } from '../services/consent-chain';
import { openDb } from '../storage/db';
import { insertConsentRecords } from '../storage/repos/consent-records';
import * as store from './consent-ledger-store';
import {
  type PseudonymiseRequest,
  type PseudonymiseResult,
  recopyFrom,
  resealForErasure,
} from '../privacy/ledger-reseal';

const appendKeySchema = z.string().min(1).max(200);
const seqSchema = z.number().int().positive().optional();
const COPY_BATCH = 100;
const COPY_RETRY_MS = 30_000;

/** A caller's bug, reported with the offending fields (the message crosses the RPC boundary). */
function valid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new TypeError(`consent ledger: invalid ${what}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export class ConsentLedger extends DurableObject<Env> {
  /** The one writer's queue: appends (read head, seal, store) and copies never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => store.migrate(ctx.storage));
  }

  /** Appends a consent record; the same key returns the record appended the first time (I7). */
  async append(key: string, draft: ConsentRecordDraft): Promise<ConsentRecord> {
    const appendKey = valid(appendKeySchema, key, 'key');
    const fields = valid(consentRecordDraftSchema, draft, 'draft');
    const record = await this.serial(async () => {
      const { sql } = this.ctx.storage;
      const existing = store.findByKey(sql, appendKey);
      if (existing) return existing;
      const org = store.chainOrg(sql);
      if (org !== null && org !== fields.orgId) throw new Error('this ledger belongs to another org');
      const recordedAt = await now(this.env);
      const next = await appendRecord(store.readHead(sql), fields, recordedAt, sha256Hex);
      store.insertRecord(this.ctx.storage, appendKey, next);
      return next;
    });
    await this.flushCopy();
    return record;
  }

  async head(): Promise<store.Head | null> {
    return store.readHead(this.ctx.storage.sql);
  }

  /** Verifies the object's own chain against the head it keeps beside it. */
  async verify(): Promise<VerifyResult> {
    return this.serial(async () => {
      const { sql } = this.ctx.storage;
      const head = store.readHead(sql);
      return verifyStored(store.readRecords(sql), {
        headSeq: head?.seq ?? 0,
        headHash: head?.hash ?? GENESIS_HASH,
      });
    });
  }

  /** Records with seq in [from, to], in chain order. */
  async records(from?: number, to?: number): Promise<ConsentRecord[]> {
    const rows = store.readRecords(this.ctx.storage.sql, seqSchema.parse(from), seqSchema.parse(to));
    return rows.map((row) => consentRecordSchema.parse(row));
  }

  /** Copies pending records to the directory database; returns how many are still pending. */
  async flushCopy(): Promise<number> {
    return this.serial(() => this.copyPending());
  }

  /** Issue 12: one customer's records name them only by keyed hashes; the chain is re-sealed. */
  async pseudonymise(request: PseudonymiseRequest): Promise<PseudonymiseResult> {
    const result = await this.serial(async () => {
      const out = await resealForErasure(this.ctx.storage, store.readHead(this.ctx.storage.sql), request);
      const orgId = store.chainOrg(this.ctx.storage.sql);
      if (out.firstMatched !== null && orgId) {
        await recopyFrom(this.ctx.storage, openDb(this.env), orgId, out.firstMatched);
      }
      return out;
    });
    if ((await this.flushCopy()) > 0) throw new Error('the ledger copy could not be rewritten; retry');
    return result;
  }

  override async alarm(): Promise<void> {
    await this.flushCopy();
  }

  private async copyPending(): Promise<number> {
    const { sql } = this.ctx.storage;
    try {
      for (;;) {
        const batch = store.uncopied(sql, COPY_BATCH);
        const last = batch.at(-1);
        if (!last) return 0;
        await insertConsentRecords(openDb(this.env), last.orgId, batch);
        store.markCopied(sql, last.seq);
      }
    } catch (err) {
      // The directory is down or refused: the chain here is intact; retry later.
      const message = err instanceof Error ? safeMessage(err) : 'unknown';
      console.warn(JSON.stringify({ level: 'warn', event: 'ledger_copy_failed', message }));
      await this.ctx.storage.setAlarm(Date.now() + COPY_RETRY_MS);
      return store.uncopied(sql, COPY_BATCH).length;
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
