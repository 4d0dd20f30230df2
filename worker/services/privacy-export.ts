// Subject-access export (issue 12): everything Greenline holds about one customer of the org — the
// contact, their WhatsApp ids and CRM links, each conversation's whole log and consent, their pictures,
// their consent records, their history and Unassigned rows — and nothing of anyone else. Audited.
import type { CustomerExport } from '../../shared/api/privacy';
import { toBase64 } from '../auth/encoding';
import type { ConsentRecord } from '../domain/ledger';
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { getContact } from '../storage/repos/contacts';
import { conversationsOf } from '../storage/repos/contact-identity';
import { listConsentRecordRows } from '../storage/repos/consent-records';
import { getOrg } from '../storage/repos/orgs';
import {
  insertAudit,
  listRowsOfConversations,
  type MediaRow,
  mediaOfConversations,
} from '../storage/repos/privacy';
import { getConversation } from '../storage/repos/conversations';
import { ledgerFor } from './consent-ledger';
import { notFound } from './errors';
import type { PrivacyExport } from '../privacy/conversation-storage';
import { digitsOf } from '../privacy/pseudonym';

type Loose = Record<string, unknown>;

async function conversationExport(env: Env, db: Db, orgId: string, id: string) {
  const row = await getConversation(db, orgId, id);
  const json = await env.CONVERSATION.get(env.CONVERSATION.idFromName(id)).privacyExport();
  const held = json === null ? null : (JSON.parse(json) as PrivacyExport);
  return {
    id,
    createdAt: row?.createdAt ?? 0,
    consent: held ? (held.state.consent as Loose) : null,
    threads: held ? (held.state.team.threads as unknown as Loose[]) : [],
    outbound: (held?.log.outbound ?? []) as Loose[],
    inbound: (held?.log.inbound ?? []) as Loose[],
    system: (held?.log.system ?? []) as Loose[],
  };
}

async function mediaExport(env: Env, rows: MediaRow[]): Promise<CustomerExport['media']> {
  const out: CustomerExport['media'] = [];
  for (const m of rows) {
    const object = await env.MEDIA.get(m.r2Key);
    const base64 = object ? toBase64(new Uint8Array(await object.arrayBuffer())) : null;
    out.push({
      id: m.id,
      conversationId: m.conversationId,
      direction: m.direction,
      mimeType: m.mimeType,
      size: m.size,
      sha256: m.sha256,
      createdAt: m.createdAt,
      base64,
    });
  }
  return out;
}

/** The customer's consent records: of their conversations, or naming one of their ids. */
async function consentRecordsOf(env: Env, db: Db, orgId: string, conversationIds: string[], ids: string[]) {
  await ledgerFor(env, orgId).flushCopy();
  const rows = await listConsentRecordRows(db, orgId);
  const records = rows.map((r) => r.record as ConsentRecord);
  return records.filter(
    (r) =>
      conversationIds.includes(r.conversationId) ||
      (r.contactPhone !== '' && ids.includes(r.contactPhone)) ||
      (r.customerId !== undefined && ids.includes(r.customerId)),
  );
}

export async function exportCustomer(
  env: Env,
  db: Db,
  actor: { orgId: string; userId: string },
  contactId: string,
  now: number,
): Promise<CustomerExport> {
  const [details, org] = await Promise.all([getContact(db, actor.orgId, contactId), getOrg(db, actor.orgId)]);
  if (!details || !org) throw notFound('Contact');
  const c = details.contact;
  const conversationIds = (await conversationsOf(db, actor.orgId, [c.id])).map((x) => x.id);
  const ids = [c.phone, c.phone ? digitsOf(c.phone) : null, c.bsuid, c.parentBsuid, ...details.waIds];
  const [conversations, mediaRows, consentRecords, lists] = await Promise.all([
    Promise.all(conversationIds.map((id) => conversationExport(env, db, actor.orgId, id))),
    mediaOfConversations(db, actor.orgId, conversationIds),
    consentRecordsOf(
      env,
      db,
      actor.orgId,
      conversationIds,
      ids.filter((v): v is string => !!v),
    ),
    listRowsOfConversations(db, actor.orgId, conversationIds),
  ]);
  const detail = { conversations: conversationIds.length, consentRecords: consentRecords.length };
  await insertAudit(db, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: 'export',
    target: c.id,
    at: now,
    detail,
  });
  return {
    exportedAt: now,
    org: { id: org.id, name: org.name },
    contact: {
      id: c.id,
      name: c.name,
      phone: c.phone,
      bsuid: c.bsuid,
      parentBsuid: c.parentBsuid,
      username: c.username,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
    waIds: details.waIds,
    crmLinks: details.crmLinks.map((l) => ({
      system: l.system,
      recordId: l.recordId,
      url: l.url,
      createdAt: l.createdAt,
    })),
    conversations,
    media: await mediaExport(env, mediaRows),
    consentRecords,
    history: lists.threads as unknown as Loose[],
    unassigned: lists.unassigned as unknown as Loose[],
  };
}
