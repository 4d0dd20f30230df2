// Org settings (B21): WhatsApp on/off for the org, keywords (checked by the domain's rules), the
// single-participant prefix, retention, and the opt-in template (an APPROVED UTILITY template).
import type { OrgPatch, OrgResponse } from '../../shared/api/admin';
import type { OrgSettings } from '../../shared/api/common';
import { DEFAULT_KEYWORDS, validateKeywordLists } from '../domain/keywords';
import type { Db } from '../storage/db';
import { getOrg, type OrgRow, updateOrg } from '../storage/repos/orgs';
import { listTemplates } from '../storage/repos/templates';
import { ApiError, notFound } from './errors';
import type { Env } from '../env';
import { forgetOrgRoutes } from './route-cache';

export function toOrgDto(org: OrgRow): OrgResponse {
  return {
    id: org.id,
    name: org.name,
    whatsappEnabled: org.whatsappEnabled,
    settings: org.settings,
    defaultKeywords: {
      optIn: [...DEFAULT_KEYWORDS.optIn],
      optOut: [...DEFAULT_KEYWORDS.optOut],
      yes: [...DEFAULT_KEYWORDS.yes],
      no: [...DEFAULT_KEYWORDS.no],
    },
  };
}

export async function readOrg(db: Db, orgId: string): Promise<OrgResponse> {
  const org = await getOrg(db, orgId);
  if (!org) throw notFound('Org');
  return toOrgDto(org);
}

async function checkOptInTemplate(db: Db, orgId: string, ref: NonNullable<OrgSettings['optInTemplate']>) {
  const approved = await listTemplates(db, orgId, { status: 'APPROVED' });
  const match = approved.find((t) => t.name === ref.name && t.language === ref.language);
  if (!match) {
    throw new ApiError(
      422,
      'invalid_opt_in_template',
      `No APPROVED template "${ref.name}" (${ref.language}) on your number: sync templates first.`,
    );
  }
  if (match.category !== 'UTILITY') {
    throw new ApiError(422, 'invalid_opt_in_template', 'The opt-in template must be of category UTILITY.');
  }
}

export async function patchOrg(
  env: Env,
  db: Db,
  orgId: string,
  patch: OrgPatch,
  now: number,
): Promise<OrgResponse> {
  const org = await getOrg(db, orgId);
  if (!org) throw notFound('Org');
  const settings: OrgSettings = { ...org.settings, ...patch.settings };
  if (patch.settings?.keywords) {
    const verdict = validateKeywordLists(patch.settings.keywords);
    if (!verdict.ok) {
      throw new ApiError(422, 'invalid_keywords', verdict.problems.join(' '), { problems: verdict.problems });
    }
  }
  if (patch.settings?.optInTemplate) await checkOptInTemplate(db, orgId, patch.settings.optInTemplate);
  const changes: Parameters<typeof updateOrg>[2] = { settings, now };
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.whatsappEnabled !== undefined) changes.whatsappEnabled = patch.whatsappEnabled;
  const updated = await updateOrg(db, orgId, changes);
  if (!updated) throw notFound('Org');
  // The switch and the facts conversations decide with: the next webhook is routed by them (B21).
  await forgetOrgRoutes(env, db, orgId);
  return toOrgDto(updated);
}
