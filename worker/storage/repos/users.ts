// Users of an org. Removed users keep their row (history names its author) but are invisible here.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../ids';
import { users } from '../schema';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Omit<typeof users.$inferInsert, 'id' | 'createdAt' | 'updatedAt'> & {
  id?: string;
  now: number;
};

export async function createUser(db: Db, input: NewUser): Promise<UserRow> {
  const { now, id, ...values } = input;
  const [row] = await db
    .insert(users)
    .values({ ...values, id: id ?? newId(), createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('user insert returned nothing');
  return row;
}

/** For login: the one not-removed user with this address, in whichever org. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNull(users.removedAt)));
  return row;
}

export async function getUser(db: Db, orgId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id), isNull(users.removedAt)));
  return row;
}

export async function listUsers(db: Db, orgId: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.removedAt)))
    .orderBy(asc(users.name));
}

export interface UserChanges {
  role?: 'admin' | 'agent';
  subOrgId?: string;
  whatsappEnabled?: boolean;
  disabledAt?: number | null;
  removedAt?: number;
  name?: string;
}

export async function updateUser(
  db: Db,
  orgId: string,
  id: string,
  changes: UserChanges,
  now: number,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(users.orgId, orgId), eq(users.id, id), isNull(users.removedAt)))
    .returning();
  return row;
}
