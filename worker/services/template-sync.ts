// Template sync from the Cloud API (B21): every page of `GET /{waba-id}/message_templates`, upserted
// by (number, name, language); templates Meta no longer lists are marked DELETED (their mappings are
// kept for a re-creation). Only APPROVED ones are offered to agents. Status webhooks refresh single
// templates later (storage/repos/templates.ts `setTemplateStatus`).
import type { TemplateComponent } from '../../shared/api/common';
import { extractVariables } from '../../shared/api/template-variables';
import type { Db } from '../storage/db';
import { markTemplatesMissing, upsertTemplate } from '../storage/repos/templates';
import { toStoredComponent } from '../storage/seed';
import { WhatsAppApiError, WhatsAppTransportError } from '../whatsapp/errors';
import { ApiError } from './errors';
import type { NumberCredentials } from './number-settings';

/** The Cloud API's template listing, as the typed client returns it (reference §4.1). */
export interface RemoteTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: Array<TemplateComponent & { example?: unknown }>;
}

export type ListAllTemplates = (wabaId: string) => Promise<RemoteTemplate[]>;

export interface SyncResult {
  synced: number;
  approved: number;
  removed: number;
  syncedAt: number;
}

export async function syncTemplates(
  db: Db,
  orgId: string,
  credentials: NumberCredentials,
  listAll: ListAllTemplates,
  now: number,
): Promise<SyncResult> {
  const remote = await listAll(credentials.number.wabaId);
  const present: string[] = [];
  for (const t of remote) {
    const id = await upsertTemplate(
      db,
      orgId,
      credentials.number.id,
      {
        metaId: t.id,
        name: t.name,
        language: t.language,
        category: t.category,
        status: t.status,
        components: t.components.map(toStoredComponent),
        variables: extractVariables(t.components),
      },
      now,
    );
    present.push(id);
  }
  const removed = await markTemplatesMissing(db, orgId, credentials.number.id, present, now);
  const approved = remote.filter((t) => t.status === 'APPROVED').length;
  return { synced: remote.length, approved, removed, syncedAt: now };
}

/** Maps a failed listing to what the admin who pressed the button can act on. */
export function syncFailure(err: unknown): ApiError | undefined {
  if (err instanceof WhatsAppApiError) {
    return new ApiError(
      422,
      'template_sync_failed',
      `The Cloud API refused the template listing (${err.code}): ${err.title}. Check the number's WABA id and access token.`,
    );
  }
  if (err instanceof WhatsAppTransportError) {
    return new ApiError(
      503,
      'upstream_unavailable',
      'The Cloud API could not be reached; try again in a minute.',
    );
  }
  return undefined;
}
