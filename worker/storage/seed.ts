// Demo data of SPEC §5 (local only): `buildDemoSeed` turns shared/demo.ts into directory rows
// (pure: hashes and ciphertexts are inputs), `prepareDemoSeed` computes those inputs, and
// `applySeed` inserts the rows idempotently. Used by the tests and by `npm run seed`.
import type { OrgSettings, TemplateComponent, VariableSource } from '../../shared/api/common';
import { extractVariables } from '../../shared/api/template-variables';
import {
  DEMO_ORGS,
  DEMO_PASSWORD,
  DEMO_TEMPLATE_LANGUAGE,
  type DemoOrg,
  OPT_IN_TEMPLATE_NAME,
} from '../../shared/demo';
import { hashPassword, type PasswordHash } from '../auth/password';
import { encryptSecret, importEncryptionKey } from '../auth/secret-box';
import type { Db } from './db';
import * as t from './schema';

export interface SeedRows {
  orgs: (typeof t.orgs.$inferInsert)[];
  subOrgs: (typeof t.subOrgs.$inferInsert)[];
  users: (typeof t.users.$inferInsert)[];
  numbers: (typeof t.businessNumbers.$inferInsert)[];
  templates: (typeof t.templates.$inferInsert)[];
  mappings: (typeof t.templateVariableMappings.$inferInsert)[];
}

export interface SeedSecrets {
  /** Password hash per user email. */
  passwords: Map<string, PasswordHash>;
  /** Encrypted Cloud API token per org slug. */
  tokens: Map<string, string>;
}

/** How the demo templates' variables are filled (B7); anything else is typed by the user. */
const DEMO_MAPPINGS: Record<string, VariableSource[]> = {
  [OPT_IN_TEMPLATE_NAME]: ['contact_first_name'],
  meeting_follow_up: ['contact_first_name', 'user_name', 'org_name'],
  appointment_reminder: ['contact_first_name', 'user_name', 'typed'],
  seasonal_offer: ['contact_first_name', 'typed'],
  product_brochure: ['contact_first_name', 'typed'],
};

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const demoIds = {
  org: (org: DemoOrg) => org.slug,
  subOrg: (org: DemoOrg, name: string) => `${org.slug}-${slugify(name)}`,
  user: (org: DemoOrg, email: string) => `${org.slug}-${slugify(email.split('@')[0] ?? email)}`,
  number: (org: DemoOrg) => `${org.slug}-number`,
  template: (org: DemoOrg, name: string, language: string) => `${org.slug}-${name}-${language}`,
};

/** Stored components keep what the panel renders; examples only seed the variables' hints. */
export function toStoredComponent(c: {
  type: string;
  format?: string;
  text?: string;
  buttons?: TemplateComponent['buttons'];
}): TemplateComponent {
  const out: TemplateComponent = { type: c.type };
  if (c.format !== undefined) out.format = c.format;
  if (c.text !== undefined) out.text = c.text;
  if (c.buttons !== undefined) out.buttons = c.buttons;
  return out;
}

function secret<T>(map: Map<string, T>, key: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed secret missing for ${key}`);
  return value;
}

export function buildDemoSeed(orgs: readonly DemoOrg[], secrets: SeedSecrets, now: number): SeedRows {
  const rows: SeedRows = { orgs: [], subOrgs: [], users: [], numbers: [], templates: [], mappings: [] };
  for (const org of orgs) {
    const orgId = demoIds.org(org);
    const settings: OrgSettings = {
      keywords: null,
      singleParticipantPrefix: false,
      retentionDays: 365,
      optInTemplate: { name: OPT_IN_TEMPLATE_NAME, language: DEMO_TEMPLATE_LANGUAGE },
    };
    rows.orgs.push({
      id: orgId,
      name: org.name,
      whatsappEnabled: true,
      settings,
      createdAt: now,
      updatedAt: now,
    });
    for (const name of org.subOrgs) {
      rows.subOrgs.push({ id: demoIds.subOrg(org, name), orgId, name, createdAt: now });
    }
    for (const user of org.users) {
      const password = secret(secrets.passwords, user.email);
      rows.users.push({
        id: demoIds.user(org, user.email),
        orgId,
        subOrgId: demoIds.subOrg(org, user.subOrg),
        email: user.email,
        name: user.name,
        role: user.role,
        whatsappEnabled: user.whatsappEnabled,
        passwordHash: password.hash,
        passwordSalt: password.salt,
        passwordIterations: password.iterations,
        createdAt: now,
        updatedAt: now,
      });
    }
    const numberId = demoIds.number(org);
    rows.numbers.push({
      id: numberId,
      orgId,
      phoneNumberId: org.number.phoneNumberId,
      displayPhoneNumber: org.number.displayPhoneNumber,
      wabaId: org.number.wabaId,
      accessTokenCiphertext: secret(secrets.tokens, org.slug),
      createdAt: now,
      updatedAt: now,
    });
    for (const tpl of org.number.templates) {
      const id = demoIds.template(org, tpl.name, tpl.language);
      const variables = extractVariables(tpl.components);
      const components = tpl.components.map(toStoredComponent);
      rows.templates.push({
        id,
        orgId,
        numberId,
        metaId: tpl.id,
        name: tpl.name,
        language: tpl.language,
        category: tpl.category,
        status: tpl.status,
        components,
        variables,
        syncedAt: now,
      });
      const sources = DEMO_MAPPINGS[tpl.name] ?? [];
      variables.forEach((v, i) => {
        const source = sources[i];
        if (source) rows.mappings.push({ orgId, templateId: id, key: v.key, source, updatedAt: now });
      });
    }
  }
  return rows;
}

/** Hashes the demo password per user and encrypts each number's token with the deployment key. */
export async function prepareDemoSeed(
  encryptionKey: string,
  now: number,
  orgs: readonly DemoOrg[] = DEMO_ORGS,
): Promise<SeedRows> {
  const key = await importEncryptionKey(encryptionKey);
  const passwords = new Map<string, PasswordHash>();
  const tokens = new Map<string, string>();
  for (const org of orgs) {
    for (const user of org.users) passwords.set(user.email, await hashPassword(DEMO_PASSWORD));
    tokens.set(org.slug, await encryptSecret(key, org.number.accessToken));
  }
  return buildDemoSeed(orgs, { passwords, tokens }, now);
}

/**
 * Insert order respects foreign keys; existing rows are kept, so seeding twice changes nothing.
 * One row per statement keeps every statement under D1's 100 bound parameters.
 */
export async function applySeed(db: Db, rows: SeedRows): Promise<void> {
  for (const r of rows.orgs) await db.insert(t.orgs).values(r).onConflictDoNothing();
  for (const r of rows.subOrgs) await db.insert(t.subOrgs).values(r).onConflictDoNothing();
  for (const r of rows.users) await db.insert(t.users).values(r).onConflictDoNothing();
  for (const r of rows.numbers) await db.insert(t.businessNumbers).values(r).onConflictDoNothing();
  for (const r of rows.templates) await db.insert(t.templates).values(r).onConflictDoNothing();
  for (const r of rows.mappings) await db.insert(t.templateVariableMappings).values(r).onConflictDoNothing();
}
