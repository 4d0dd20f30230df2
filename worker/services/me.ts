// `GET /me`: the user, their sub-org and org, and whether WhatsApp is on for both.
import type { MeResponse } from '../../shared/api/auth';
import type { Db } from '../storage/db';
import { getSubOrg } from '../storage/repos/orgs';
import type { SessionContext } from '../storage/repos/sessions';
import { toUserDto } from './sessions';

export async function describeMe(db: Db, { user, org }: SessionContext, now: number): Promise<MeResponse> {
  const subOrg = await getSubOrg(db, org.id, user.subOrgId);
  return {
    user: { ...toUserDto(user), subOrgName: subOrg?.name ?? '' },
    org: { id: org.id, name: org.name, whatsappEnabled: org.whatsappEnabled },
    whatsapp: {
      orgEnabled: org.whatsappEnabled,
      userEnabled: user.whatsappEnabled,
      enabled: org.whatsappEnabled && user.whatsappEnabled,
    },
    serverNow: now,
  };
}
