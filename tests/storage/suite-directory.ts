// Repository suite, part 1: orgs, sub-orgs, users, sessions, invitations, login attempts, seed.
import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEFAULT_ORG_SETTINGS, type OrgSettings } from '../../shared/api/common';
import { DEMO_ORGS } from '../../shared/demo';
import { orgs } from '../../worker/storage/schema';
import { getOrg, listSubOrgs, updateOrg } from '../../worker/storage/repos/orgs';
import {
  claimInvitation,
  createInvitation,
  listPendingInvitations,
  revokePendingForEmail,
} from '../../worker/storage/repos/invitations';
import {
  clearLoginAttempts,
  getLoginAttempts,
  saveLoginAttempts,
} from '../../worker/storage/repos/login-attempts';
import {
  createSession,
  findSessionByAccessHash,
  findSessionByRefreshHash,
  revokeUserSessions,
  rotateSession,
} from '../../worker/storage/repos/sessions';
import {
  createUser,
  findUserByEmail,
  getUser,
  listUsers,
  updateUser,
} from '../../worker/storage/repos/users';
import { applySeed, buildDemoSeed } from '../../worker/storage/seed';
import type { SuiteContext } from './repository-suite';

export function registerDirectoryTests({ db, newOrg, unique }: SuiteContext): void {
  it('B21: org settings round-trip as JSON and merge by update', async () => {
    const { orgId } = await newOrg('settings');
    const org = await getOrg(db(), orgId);
    expect(org?.settings.retentionDays).toBe(365);
    if (!org) throw new Error('org missing');
    const settings = { ...org.settings, retentionDays: 30, optInTemplate: { name: 't', language: 'en' } };
    const updated = await updateOrg(db(), orgId, { settings, whatsappEnabled: false, now: Date.now() });
    expect(updated).toMatchObject({ whatsappEnabled: false, settings });
  });

  it('B21: stored settings are validated on read; missing or invalid keys fall back to defaults', async () => {
    const { orgId } = await newOrg('settings-read');
    const stored = { retentionDays: 'forever', singleParticipantPrefix: true } as unknown as OrgSettings;
    await db().update(orgs).set({ settings: stored }).where(eq(orgs.id, orgId));
    expect((await getOrg(db(), orgId))?.settings).toEqual({
      ...DEFAULT_ORG_SETTINGS,
      singleParticipantPrefix: true,
    });
  });

  it('I8: users are scoped by org; a removed user frees the address and disappears', async () => {
    const a = await newOrg('users-a');
    const b = await newOrg('users-b');
    expect(await getUser(db(), b.orgId, a.userId)).toBeUndefined();
    expect((await listUsers(db(), a.orgId)).map((u) => u.id)).toEqual([a.userId]);
    const now = Date.now();
    const dup = {
      orgId: b.orgId,
      subOrgId: b.subOrgId,
      email: a.email,
      name: 'Dup',
      role: 'agent' as const,
      whatsappEnabled: true,
      passwordHash: 'h',
      passwordSalt: 's',
      passwordIterations: 1,
      now,
    };
    await expect(createUser(db(), dup)).rejects.toThrow();
    expect(await updateUser(db(), b.orgId, a.userId, { removedAt: now }, now)).toBeUndefined();
    await updateUser(db(), a.orgId, a.userId, { removedAt: now }, now);
    expect(await findUserByEmail(db(), a.email)).toBeUndefined();
    expect((await createUser(db(), dup)).orgId).toBe(b.orgId);
    expect((await listSubOrgs(db(), a.orgId))[0]?.userCount).toBe(0);
  });

  it('I8: a session is found with its user and org; rotation is single-use; revocation sticks', async () => {
    const { orgId, userId } = await newOrg('sessions');
    const now = Date.now();
    const hashes = {
      accessTokenHash: unique('a'),
      accessExpiresAt: now + 1000,
      refreshTokenHash: unique('r'),
      refreshExpiresAt: now + 5000,
    };
    const session = await createSession(db(), { ...hashes, orgId, userId, now });
    const found = await findSessionByAccessHash(db(), hashes.accessTokenHash);
    expect(found?.user.id).toBe(userId);
    expect(found?.org.id).toBe(orgId);
    const next = { ...hashes, accessTokenHash: unique('a2'), refreshTokenHash: unique('r2') };
    expect(await rotateSession(db(), session.id, hashes.refreshTokenHash, next)).toBeDefined();
    expect(
      await rotateSession(db(), session.id, hashes.refreshTokenHash, {
        ...next,
        accessTokenHash: unique('a3'),
        refreshTokenHash: unique('r3'),
      }),
    ).toBeUndefined();
    expect(await findSessionByAccessHash(db(), hashes.accessTokenHash)).toBeUndefined();
    await revokeUserSessions(db(), orgId, userId, now);
    expect((await findSessionByRefreshHash(db(), next.refreshTokenHash))?.session.revokedAt).toBe(now);
  });

  it('B21: an invitation is claimed once, not after expiry, and replaced ones are revoked', async () => {
    const { orgId, subOrgId, userId } = await newOrg('invites');
    const now = Date.now();
    const base = {
      orgId,
      subOrgId,
      name: 'N',
      role: 'agent' as const,
      whatsappEnabled: true,
      invitedBy: userId,
      now,
    };
    const email = `${unique('inv')}@example.test`;
    await createInvitation(db(), { ...base, email, tokenHash: unique('t1'), expiresAt: now + 1000 });
    await revokePendingForEmail(db(), orgId, email, now);
    const live = await createInvitation(db(), {
      ...base,
      email,
      tokenHash: unique('t2'),
      expiresAt: now + 1000,
    });
    const expired = await createInvitation(db(), {
      ...base,
      email: `${unique('x')}@e.test`,
      tokenHash: unique('t3'),
      expiresAt: now - 1,
    });
    expect((await listPendingInvitations(db(), orgId, now)).map((i) => i.id)).toEqual([live.id]);
    expect((await claimInvitation(db(), live.tokenHash, now))?.id).toBe(live.id);
    expect(await claimInvitation(db(), live.tokenHash, now)).toBeUndefined();
    expect(await claimInvitation(db(), expired.tokenHash, now)).toBeUndefined();
  });

  it('§5: login attempts (throttling) are upserted and cleared', async () => {
    const key = unique('login');
    await saveLoginAttempts(db(), { key, failures: 1, windowStartedAt: 1, lockedUntil: null });
    await saveLoginAttempts(db(), { key, failures: 2, windowStartedAt: 1, lockedUntil: 99 });
    expect(await getLoginAttempts(db(), key)).toEqual({
      key,
      failures: 2,
      windowStartedAt: 1,
      lockedUntil: 99,
    });
    await clearLoginAttempts(db(), key);
    expect(await getLoginAttempts(db(), key)).toBeUndefined();
  });

  it('SPEC §5: the demo seed applies, and applying it again changes nothing', async () => {
    const passwords = new Map(
      DEMO_ORGS.flatMap((o) =>
        o.users.map((u) => [u.email, { hash: 'h', salt: 's', iterations: 1 }] as const),
      ),
    );
    const tokens = new Map(DEMO_ORGS.map((o) => [o.slug, `v1.iv.${o.slug}`] as const));
    const rows = buildDemoSeed(DEMO_ORGS, { passwords, tokens }, 1);
    await applySeed(db(), rows);
    await applySeed(db(), buildDemoSeed(DEMO_ORGS, { passwords, tokens }, 2));
    const acme = await getOrg(db(), 'acme');
    expect(acme?.createdAt).toBe(1);
    expect((await listUsers(db(), 'acme')).map((u) => u.email)).toHaveLength(5);
    expect((await listSubOrgs(db(), 'globex')).map((s) => s.name)).toEqual(['Sales']);
  });
}
