// Failed-login counters per (email, client address) key, for throttling (429).
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { loginAttempts } from '../schema';

export type LoginAttemptRow = typeof loginAttempts.$inferSelect;

export async function getLoginAttempts(db: Db, key: string): Promise<LoginAttemptRow | undefined> {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
  return row;
}

export async function saveLoginAttempts(db: Db, row: LoginAttemptRow): Promise<void> {
  const { key, ...rest } = row;
  await db.insert(loginAttempts).values(row).onConflictDoUpdate({ target: loginAttempts.key, set: rest });
}

export async function clearLoginAttempts(db: Db, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
