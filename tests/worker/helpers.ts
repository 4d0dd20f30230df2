// Test helpers for the worker suite: a migrated and seeded D1 per test file, calls through the real
// Worker (SELF), and sessions for the demo users without paying PBKDF2 for every sign-in.
import { applyD1Migrations, env, SELF } from 'cloudflare:test';
import { issueSession } from '../../worker/services/sessions';
import { type Db, openDb } from '../../worker/storage/db';
import { findUserByEmail } from '../../worker/storage/repos/users';
import { applySeed, prepareDemoSeed } from '../../worker/storage/seed';

export const db = (): Db => openDb(env);

let seeded: Promise<void> | undefined;

/** Applies the migrations and the SPEC §5 demo seed once per test file (storage is per file). */
export function setupDemo(): Promise<void> {
  seeded ??= (async () => {
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    await applySeed(db(), await prepareDemoSeed(env.TOKEN_ENCRYPTION_KEY, Date.now()));
  })();
  return seeded;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await SELF.fetch(`http://greenline.test${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** A fresh session for a demo user, issued the way login issues it. */
export async function tokenFor(email: string): Promise<string> {
  const user = await findUserByEmail(db(), email);
  if (!user) throw new Error(`no user ${email}`);
  return (await issueSession(db(), user, Date.now())).token;
}

export interface ErrorBody {
  error: { code: string; message: string };
}
