// One repository test suite, registered twice: against D1 inside workerd
// (tests/worker/repositories-d1.test.ts) and against a libSQL file in Node
// (tests/storage/repositories-libsql.test.ts). Same migrations, same repositories, same answers.
// Storage persists across the tests of a file, so every test uses its own org.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_SETTINGS } from '../../shared/api/common';
import type { Db } from '../../worker/storage/db';
import { isUniqueViolation } from '../../worker/storage/errors';
import { createOrg, createSubOrg } from '../../worker/storage/repos/orgs';
import { createUser } from '../../worker/storage/repos/users';
import { registerContactAndNumberTests } from './suite-contacts';
import { registerDirectoryTests } from './suite-directory';
import { registerHistoryTests } from './suite-history';
import { registerPrivacyTests } from './suite-privacy';

export interface SuiteContext {
  db: () => Db;
  /** A fresh org with one sub-org and one admin; ids are unique per call. */
  newOrg: (label: string) => Promise<{ orgId: string; subOrgId: string; userId: string; email: string }>;
  unique: (label: string) => string;
}

let counter = 0;

export function registerRepositorySuite(backend: string, open: () => Promise<Db>): void {
  let database: Db | undefined;
  const db = () => {
    if (!database) throw new Error('database not opened');
    return database;
  };
  const unique = (label: string) =>
    `${label}-${backend}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const ctx: SuiteContext = {
    db,
    unique,
    async newOrg(label) {
      const now = Date.now();
      const org = await createOrg(db(), {
        id: unique(label),
        name: label,
        whatsappEnabled: true,
        settings: DEFAULT_ORG_SETTINGS,
        now,
      });
      const sub = await createSubOrg(db(), org.id, { name: 'Team', now });
      const email = `${unique('admin')}@example.test`;
      const user = await createUser(db(), {
        orgId: org.id,
        subOrgId: sub.id,
        email,
        name: 'Admin',
        role: 'admin',
        whatsappEnabled: true,
        passwordHash: 'h',
        passwordSalt: 's',
        passwordIterations: 1,
        now,
      });
      return { orgId: org.id, subOrgId: sub.id, userId: user.id, email };
    },
  };

  describe(`repositories on ${backend}`, () => {
    beforeAll(async () => {
      database = await open();
    });

    it('recognises a UNIQUE violation from this backend', async () => {
      const { orgId } = await ctx.newOrg('unique');
      await expect(createSubOrg(db(), orgId, { name: 'Team', now: Date.now() })).rejects.toSatisfy(
        isUniqueViolation,
      );
    });

    registerDirectoryTests(ctx);
    registerContactAndNumberTests(ctx);
    registerPrivacyTests(ctx);
    registerHistoryTests(ctx);
  });
}
