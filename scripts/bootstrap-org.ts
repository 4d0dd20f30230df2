// Creates the first org of a real deployment: the org (WhatsApp off until its admin switches it on),
// one sub-org, and an invitation for its first admin, as SQL for `wrangler d1 execute --file` (or for
// Turso's shell). The admin accepts the invitation with their own password; no password ever passes
// through this script. Usage:
//   npx tsx scripts/bootstrap-org.ts --org "Acme" --sub-org "Sales" --email admin@acme.com --name "Ana Admin" [--out bootstrap.sql]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { DEFAULT_ORG_SETTINGS } from '../shared/api/common';
import { hashToken, newToken } from '../worker/auth/tokens';
import * as t from '../worker/storage/schema';
import { inlineSql } from './seed-sql';

const INVITATION_DAYS = 7;

export interface Bootstrap {
  statements: string[];
  invitationToken: string;
  orgId: string;
}

export async function bootstrapOrg(input: {
  org: string;
  subOrg: string;
  email: string;
  name: string;
  now: number;
}): Promise<Bootstrap> {
  const builder = drizzle(async () => ({ rows: [] }));
  const orgId = crypto.randomUUID();
  const subOrgId = crypto.randomUUID();
  const invitationToken = newToken('invitation');
  const now = input.now;
  const statements = [
    inlineSql(
      builder
        .insert(t.orgs)
        .values({
          id: orgId,
          name: input.org,
          whatsappEnabled: false,
          settings: DEFAULT_ORG_SETTINGS,
          createdAt: now,
          updatedAt: now,
        })
        .toSQL(),
    ),
    inlineSql(
      builder.insert(t.subOrgs).values({ id: subOrgId, orgId, name: input.subOrg, createdAt: now }).toSQL(),
    ),
    inlineSql(
      builder
        .insert(t.invitations)
        .values({
          id: crypto.randomUUID(),
          orgId,
          email: input.email.trim().toLowerCase(),
          name: input.name,
          role: 'admin',
          subOrgId,
          whatsappEnabled: true,
          tokenHash: await hashToken(invitationToken),
          invitedBy: 'bootstrap',
          expiresAt: now + INVITATION_DAYS * 24 * 3_600_000,
          createdAt: now,
        })
        .toSQL(),
    ),
  ];
  return { statements, invitationToken, orgId };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      'sub-org': { type: 'string', default: 'Sales' },
      email: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string', default: 'bootstrap.sql' },
    },
  });
  if (!values.org || !values.email || !values.name) {
    console.error(
      'usage: npx tsx scripts/bootstrap-org.ts --org NAME --email ADMIN_EMAIL --name ADMIN_NAME [--sub-org NAME] [--out FILE]',
    );
    process.exit(2);
  }
  const result = await bootstrapOrg({
    org: values.org,
    subOrg: values['sub-org'],
    email: values.email,
    name: values.name,
    now: Date.now(),
  });
  writeFileSync(values.out, `${result.statements.join('\n')}\n`, { mode: 0o600 });
  console.log(
    `Wrote ${values.out}. Apply it, then give the admin the invitation token (valid ${INVITATION_DAYS} days):`,
  );
  console.log(`  npx wrangler d1 execute DB --remote --env production --file ${values.out}`);
  console.log(`  token: ${result.invitationToken}`);
  console.log('  POST /api/v1/auth/accept-invitation {"token": "<token>", "name": "...", "password": "..."}');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
