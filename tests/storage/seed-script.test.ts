// The `npm run seed` pieces in Node: the rendered SQL loads the SPEC §5 demo data into a migrated
// database (libSQL here; D1 runs the same statements), twice without change, and a local
// encryption key is generated once and then reused.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { ensureLocalEncryptionKey, readDevVars } from '../../scripts/dev-vars';
import { seedStatements, sqlLiteral } from '../../scripts/seed-sql';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../shared/demo';
import { verifyPassword } from '../../worker/auth/password';
import { decryptSecret, importEncryptionKey } from '../../worker/auth/secret-box';
import { getOrgNumber } from '../../worker/storage/repos/numbers';
import { listTemplates } from '../../worker/storage/repos/templates';
import { findUserByEmail, listUsers } from '../../worker/storage/repos/users';
import { prepareDemoSeed } from '../../worker/storage/seed';

const KEY = Buffer.alloc(32, 7).toString('base64');

async function migratedDb() {
  const dir = mkdtempSync(path.join(tmpdir(), 'greenline-seed-'));
  const client = createClient({ url: `file:${path.join(dir, 'seed.db')}` });
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: path.join(import.meta.dirname, '../../migrations') });
  return { client, db };
}

describe('seed SQL', () => {
  it('SPEC §5: loads the demo orgs, users (password greenline-demo), numbers and templates, idempotently', async () => {
    const { client, db } = await migratedDb();
    const sql = seedStatements(await prepareDemoSeed(KEY, 1000)).join('\n');
    await client.executeMultiple(sql);
    await client.executeMultiple(seedStatements(await prepareDemoSeed(KEY, 2000)).join('\n'));
    const users = await listUsers(db, 'acme');
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_ORGS[0]?.users.map((u) => u.email).sort());
    const dave = await findUserByEmail(db, 'dave@acme.test');
    expect(dave).toMatchObject({
      role: 'agent',
      whatsappEnabled: false,
      subOrgId: 'acme-sales-emea',
      createdAt: 1000,
    });
    if (!dave) throw new Error('dave missing');
    const stored = { hash: dave.passwordHash, salt: dave.passwordSalt, iterations: dave.passwordIterations };
    expect(stored.iterations).toBe(100_000);
    expect(await verifyPassword(DEMO_PASSWORD, stored)).toBe(true);
    const number = await getOrgNumber(db, 'globex');
    expect(number?.phoneNumberId).toBe('100000000000002');
    expect(await decryptSecret(await importEncryptionKey(KEY), number?.accessTokenCiphertext ?? '')).toBe(
      'sandbox-token-globex',
    );
    expect(await listTemplates(db, 'acme', { status: 'APPROVED' })).toHaveLength(5);
  });

  it('renders literals safely', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(42)).toBe('42');
  });
});

describe('.dev.vars', () => {
  it('generates a 32-byte TOKEN_ENCRYPTION_KEY once, keeps other lines, then reuses it', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'greenline-vars-')), '.dev.vars');
    writeFileSync(file, 'OTHER="x"');
    const first = ensureLocalEncryptionKey(file);
    expect(first.created).toBe(true);
    expect(Buffer.from(first.key, 'base64')).toHaveLength(32);
    expect(ensureLocalEncryptionKey(file)).toEqual({ key: first.key, created: false });
    expect(readDevVars(file).get('OTHER')).toBe('x');
    expect(readFileSync(file, 'utf8').match(/TOKEN_ENCRYPTION_KEY/g)).toHaveLength(1);
  });
});
