// Migrations 0005–0006 (issue 10) on D1 with data in place: the contacts table is rebuilt so a phone
// may be missing (username customers), and gains bsuid / parent_bsuid / username. Contacts and the
// wa_id aliases pointing at them must survive, foreign keys still enforced.
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const exec = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();
const all = async <T>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;

describe('migration: a customer known without a phone', () => {
  it('keeps every contact and alias written before it; phones stay unique, references enforced', async () => {
    const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0005');
    const after = env.TEST_MIGRATIONS.filter((m) => m.name >= '0005');
    expect(after.map((m) => m.name).slice(0, 2)).toEqual([
      '0005_customer_phone_optional.sql',
      '0006_customer_bsuid.sql',
    ]);
    await applyD1Migrations(env.DB, before);
    await exec(
      `INSERT INTO orgs (id, name, whatsapp_enabled, settings, created_at, updated_at) VALUES ('o1', 'Org', 1, '{}', 1, 1)`,
    );
    await exec(
      `INSERT INTO contacts (id, org_id, phone, name, created_at, updated_at) VALUES ('k1', 'o1', '+5511987654321', 'Ana', 1, 2)`,
    );
    await exec(
      `INSERT INTO contact_wa_ids (org_id, wa_id, contact_id, created_at) VALUES ('o1', '551187654321', 'k1', 3)`,
    );

    await applyD1Migrations(env.DB, after);

    expect(await all(`SELECT id, phone, name, bsuid, parent_bsuid, username FROM contacts`)).toEqual([
      { id: 'k1', phone: '+5511987654321', name: 'Ana', bsuid: null, parent_bsuid: null, username: null },
    ]);
    expect(await all(`SELECT contact_id FROM contact_wa_ids`)).toEqual([{ contact_id: 'k1' }]);
    await exec(
      `INSERT INTO contacts (id, org_id, phone, name, bsuid, username, created_at, updated_at) VALUES ('k2', 'o1', NULL, 'Maria', 'BR.1', '@maria', 4, 4), ('k3', 'o1', NULL, 'Rui', 'BR.2', '@rui', 4, 4)`,
    );
    // Still one contact per phone in an org.
    await expect(
      exec(
        `INSERT INTO contacts (id, org_id, phone, name, created_at, updated_at) VALUES ('k4', 'o1', '+5511987654321', 'X', 5, 5)`,
      ),
    ).rejects.toThrow(/UNIQUE/);
    // The aliases still point at a real contact.
    await expect(
      exec(
        `INSERT INTO contact_wa_ids (org_id, wa_id, contact_id, created_at) VALUES ('o1', 'x', 'nobody', 6)`,
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
