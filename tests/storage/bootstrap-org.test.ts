// The first org of a real deployment (README, deploying): the bootstrap SQL creates the org, a
// sub-org and an admin invitation; the admin accepts it with their own password and can sign in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { bootstrapOrg } from '../../scripts/bootstrap-org';
import { acceptInvitation, login } from '../../worker/services/auth';
import { getOrg } from '../../worker/storage/repos/orgs';

describe('bootstrap of a real deployment', () => {
  it('B21: the bootstrap invitation makes the first admin, who signs in; WhatsApp stays off until they enable it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'greenline-bootstrap-'));
    const client = createClient({ url: `file:${path.join(dir, 'directory.db')}` });
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: path.join(import.meta.dirname, '../../migrations') });
    const now = Date.now();
    const boot = await bootstrapOrg({
      org: "O'Brien & Co",
      subOrg: 'Sales',
      email: 'Boss@Example.com',
      name: 'Boss',
      now,
    });
    await client.executeMultiple(boot.statements.join('\n'));
    const session = await acceptInvitation(
      db,
      { token: boot.invitationToken, password: 'a long password 123', name: 'Boss' },
      now,
    );
    expect(session.user).toMatchObject({ email: 'boss@example.com', role: 'admin' });
    const org = await getOrg(db, boot.orgId);
    expect(org).toMatchObject({ name: "O'Brien & Co", whatsappEnabled: false });
    await expect(
      acceptInvitation(db, { token: boot.invitationToken, password: 'another one 456', name: 'X' }, now),
    ).rejects.toThrow(/not valid/);
    const signedIn = await login(
      db,
      { email: 'boss@example.com', password: 'a long password 123', clientAddress: '127.0.0.1' },
      now,
    );
    expect(signedIn.user.role).toBe('admin');
  });
});
