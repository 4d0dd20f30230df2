// Retention (issue 12, SPEC §6): the org's period for message bodies and pictures, set by an admin
// (audited), and the run that removes what is past it — every conversation object turns such messages
// into stubs, R2 objects and their rows go, list previews and dead letters past it go. The daily Cron
// Trigger runs it for every org; an admin can run it for their org at once.
import type { Retention, RetentionRun } from '../../shared/api/privacy';
import { DEFAULT_RETENTION_DAYS, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from '../../shared/api/privacy';
import { DAY } from '../../shared/time';
import { now as clockNow } from '../clock';
import type { Env } from '../env';
import type { Removal } from '../privacy/redact';
import { openDb, type Db } from '../storage/db';
import { getOrg, updateOrg } from '../storage/repos/orgs';
import {
  applyDirectoryRetention,
  conversationsCreatedBefore,
  insertAudit,
  listOrgIds,
} from '../storage/repos/privacy';
import { notFound } from './errors';

const PARALLEL = 8;

const toDto = (retentionDays: number | null): Retention => ({
  retentionDays,
  defaultDays: DEFAULT_RETENTION_DAYS,
  minDays: RETENTION_MIN_DAYS,
  maxDays: RETENTION_MAX_DAYS,
});

export async function readRetention(db: Db, orgId: string): Promise<Retention> {
  const org = await getOrg(db, orgId);
  if (!org) throw notFound('Org');
  return toDto(org.settings.retentionDays);
}

/** Sets the period; audited only when it changes (the same PUT again changes nothing). */
export async function setRetention(
  db: Db,
  orgId: string,
  actorUserId: string,
  retentionDays: number | null,
  now: number,
): Promise<Retention> {
  const org = await getOrg(db, orgId);
  if (!org) throw notFound('Org');
  const before = org.settings.retentionDays;
  if (before === retentionDays) return toDto(before);
  await updateOrg(db, orgId, { settings: { ...org.settings, retentionDays }, now });
  await insertAudit(db, {
    orgId,
    actorUserId,
    action: 'retention_set',
    target: orgId,
    at: now,
    detail: { before, after: retentionDays },
  });
  return toDto(retentionDays);
}

async function inBatches<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(task))));
  return out;
}

/** R2 deletes at most 1,000 keys per call. */
export async function deleteObjects(env: Pick<Env, 'MEDIA'>, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await env.MEDIA.delete(keys.slice(i, i + 1000));
}

/** Removes what is past the org's period now; audited as a run (actor null: the daily job). */
export async function runRetention(
  env: Env,
  db: Db,
  orgId: string,
  now: number,
  actorUserId: string | null,
): Promise<RetentionRun> {
  const org = await getOrg(db, orgId);
  if (!org) throw notFound('Org');
  const days = org.settings.retentionDays;
  const run: RetentionRun = {
    retentionDays: days,
    cutoff: null,
    conversations: 0,
    outboundRemoved: 0,
    inboundRemoved: 0,
    mediaRemoved: 0,
    previewsCleared: 0,
    deadLettersRemoved: 0,
  };
  if (days !== null) {
    const cutoff = now - days * DAY;
    const removal: Removal = { at: now, afterDays: days };
    const ids = await conversationsCreatedBefore(db, orgId, cutoff);
    const counts = await inBatches(ids, (id) =>
      env.CONVERSATION.get(env.CONVERSATION.idFromName(id)).applyRetention(cutoff, removal),
    );
    const directory = await applyDirectoryRetention(db, orgId, cutoff);
    await deleteObjects(env, directory.mediaKeys);
    Object.assign(run, {
      cutoff,
      conversations: ids.length,
      outboundRemoved: counts.reduce((n, c) => n + c.outbound, 0),
      inboundRemoved: counts.reduce((n, c) => n + c.inbound, 0),
      mediaRemoved: directory.mediaKeys.length,
      previewsCleared: directory.previews,
      deadLettersRemoved: directory.deadLetters,
    });
  }
  await insertAudit(db, {
    orgId,
    actorUserId,
    action: 'retention_run',
    target: orgId,
    at: now,
    detail: { ...run },
  });
  return run;
}

/** The Cron Trigger (wrangler.toml): every org, one after another; one org's failure is logged, not fatal. */
export async function runDailyRetention(env: Env): Promise<void> {
  const db = openDb(env);
  const now = await clockNow(env);
  for (const orgId of await listOrgIds(db)) {
    try {
      const run = await runRetention(env, db, orgId, now, null);
      console.log(JSON.stringify({ event: 'retention_run', org: orgId, ...run }));
    } catch (err) {
      console.error(JSON.stringify({ event: 'retention_failed', org: orgId, error: String(err) }));
    }
  }
}
