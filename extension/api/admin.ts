// The admin side of the API (B21) as typed calls, for the options page.
import {
  AdminUserListSchema,
  AdminUserSchema,
  InvitationListSchema,
  type InviteRequest,
  InviteResponseSchema,
  NumberSettingsSchema,
  type NumberPut,
  type OrgPatch,
  OrgResponseSchema,
  SubOrgListSchema,
  SubOrgSchema,
  type UserPatch,
} from '../../shared/api/admin';
import { OkResponseSchema } from '../../shared/api/auth';
import { ConsentRecordListSchema, ConsentVerifySchema } from '../../shared/api/consent';
import { DeadLetterListSchema } from '../../shared/api/dead-letters';
import {
  AdminTemplateListSchema,
  AdminTemplateSchema,
  TemplateSyncResultSchema,
  type VariableMappingRequest,
} from '../../shared/api/templates';
import { privacyAdminApi } from './admin-privacy';
import { callJson, callRaw } from './call';
import { ApiFailure, type Transport } from './transport';

const enc = encodeURIComponent;

export interface ConsentRange {
  from?: string;
  to?: string;
}

function rangeQuery(range: ConsentRange, format: 'json' | 'csv'): Record<string, string> {
  return {
    format,
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  };
}

export function adminApi(t: Transport) {
  return {
    ...privacyAdminApi(t),
    org: () => callJson(t, { method: 'GET', path: '/admin/org' }, OrgResponseSchema),
    patchOrg: (body: OrgPatch) =>
      callJson(t, { method: 'PATCH', path: '/admin/org', body }, OrgResponseSchema),

    users: () => callJson(t, { method: 'GET', path: '/admin/users' }, AdminUserListSchema),
    patchUser: (id: string, body: UserPatch) =>
      callJson(t, { method: 'PATCH', path: `/admin/users/${enc(id)}`, body }, AdminUserSchema),
    removeUser: (id: string) =>
      callJson(t, { method: 'DELETE', path: `/admin/users/${enc(id)}` }, OkResponseSchema),
    invitations: () => callJson(t, { method: 'GET', path: '/admin/invitations' }, InvitationListSchema),
    invite: (body: InviteRequest) =>
      callJson(t, { method: 'POST', path: '/admin/invitations', body }, InviteResponseSchema),
    revokeInvitation: (id: string) =>
      callJson(t, { method: 'DELETE', path: `/admin/invitations/${enc(id)}` }, OkResponseSchema),

    subOrgs: () => callJson(t, { method: 'GET', path: '/admin/sub-orgs' }, SubOrgListSchema),
    createSubOrg: (name: string) =>
      callJson(t, { method: 'POST', path: '/admin/sub-orgs', body: { name } }, SubOrgSchema),
    renameSubOrg: (id: string, name: string) =>
      callJson(t, { method: 'PATCH', path: `/admin/sub-orgs/${enc(id)}`, body: { name } }, SubOrgSchema),
    deleteSubOrg: (id: string) =>
      callJson(t, { method: 'DELETE', path: `/admin/sub-orgs/${enc(id)}` }, OkResponseSchema),

    /** The number's settings, or null before one is set (404). */
    number: async () => {
      try {
        return await callJson(t, { method: 'GET', path: '/admin/number' }, NumberSettingsSchema);
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 404) return null;
        throw e;
      }
    },
    putNumber: (body: NumberPut) =>
      callJson(t, { method: 'PUT', path: '/admin/number', body }, NumberSettingsSchema),
    resumeNumber: () => callJson(t, { method: 'POST', path: '/admin/number/resume' }, NumberSettingsSchema),

    templates: () => callJson(t, { method: 'GET', path: '/admin/templates' }, AdminTemplateListSchema),
    syncTemplates: () =>
      callJson(t, { method: 'POST', path: '/admin/templates/sync' }, TemplateSyncResultSchema),
    mapVariables: (id: string, body: VariableMappingRequest) =>
      callJson(
        t,
        { method: 'PUT', path: `/admin/templates/${enc(id)}/variables`, body },
        AdminTemplateSchema,
      ),

    verifyConsent: () =>
      callJson(t, { method: 'GET', path: '/admin/consent-records/verify' }, ConsentVerifySchema),
    consentRecords: (range: ConsentRange) =>
      callJson(
        t,
        { method: 'GET', path: '/admin/consent-records', query: rangeQuery(range, 'json') },
        ConsentRecordListSchema,
      ),
    /** The CSV export as text (formulas already neutralised by the server). */
    consentCsv: async (range: ConsentRange) => {
      const body = await callRaw(t, {
        method: 'GET',
        path: '/admin/consent-records',
        query: rangeQuery(range, 'csv'),
        accept: 'text',
      });
      if (body.kind !== 'text') throw new ApiFailure(200, 'bad_response', 'The export could not be read.');
      return body.value;
    },
    deadLetters: (limit = 50) =>
      callJson(
        t,
        { method: 'GET', path: '/admin/dead-letters', query: { limit: String(limit) } },
        DeadLetterListSchema,
      ),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
