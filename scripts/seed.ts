// `npm run seed`: applies the directory migrations to the local D1 of `wrangler dev` and loads the
// SPEC §5 demo data (local only; refuses --remote). Idempotent: existing rows are left as they are.
// Options: --persist-to <dir> (same as wrangler's), --config <wrangler.toml>.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareDemoSeed } from '../worker/storage/seed';
import { ensureLocalEncryptionKey } from './dev-vars';
import { seedStatements } from './seed-sql';

const root = path.resolve(import.meta.dirname, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function wrangler(args: string[], quiet = false): void {
  const extra: string[] = [];
  const persistTo = option('--persist-to');
  if (persistTo) extra.push('--persist-to', persistTo);
  const config = option('--config');
  if (config) extra.push('--config', config);
  const result = spawnSync('npx', ['wrangler', ...args, '--local', ...extra], {
    cwd: root,
    // `d1 execute` prints every statement's result; keep the output to what a person needs.
    stdio: ['inherit', quiet ? 'ignore' : 'inherit', 'inherit'],
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (${result.status})`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--remote')) throw new Error('The demo seed is local only.');
  const { key, created } = ensureLocalEncryptionKey(path.join(root, '.dev.vars'));
  if (created) console.log('seed: wrote a new local TOKEN_ENCRYPTION_KEY to .dev.vars');
  wrangler(['d1', 'migrations', 'apply', 'DB']);
  const rows = await prepareDemoSeed(key, Date.now());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'greenline-seed-')), 'seed.sql');
  writeFileSync(file, `${seedStatements(rows).join('\n')}\n`);
  wrangler(['d1', 'execute', 'DB', '--file', file], true);
  console.log(
    `seed: ${rows.orgs.length} orgs, ${rows.users.length} users, ${rows.templates.length} templates`,
  );
}

main().catch((err: unknown) => {
  console.error(`seed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
