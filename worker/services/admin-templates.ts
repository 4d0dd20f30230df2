// Wires template sync to the org's number and the typed Cloud API client (worker/whatsapp).
import type { Env } from '../env';
import type { Db } from '../storage/db';
import { createWhatsAppClient } from '../whatsapp/client';
import { ApiError } from './errors';
import { numberCredentials } from './number-settings';
import { type ListAllTemplates, type SyncResult, syncFailure, syncTemplates } from './template-sync';

export const DEFAULT_API_BASE = 'https://graph.facebook.com';
export const DEFAULT_API_VERSION = 'v24.0';

export async function syncOrgTemplates(
  db: Db,
  env: Env,
  orgId: string,
  now: number,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<SyncResult> {
  const credentials = await numberCredentials(db, env.TOKEN_ENCRYPTION_KEY, orgId);
  if (!credentials) {
    throw new ApiError(409, 'number_not_configured', 'Set up the business number before syncing templates.');
  }
  const client = createWhatsAppClient({
    baseUrl: env.WHATSAPP_API_BASE || DEFAULT_API_BASE,
    apiVersion: env.WHATSAPP_API_VERSION || DEFAULT_API_VERSION,
    accessToken: credentials.accessToken,
    phoneNumberId: credentials.number.phoneNumberId,
    fetch: fetcher,
  });
  const listAll: ListAllTemplates = (wabaId) => client.listAllTemplates(wabaId);
  try {
    return await syncTemplates(db, orgId, credentials, listAll, now);
  } catch (err) {
    throw syncFailure(err) ?? err;
  }
}
