// Reads and extends `.dev.vars` (wrangler's local secrets file, git-ignored) so that the local
// Worker and the seed agree on TOKEN_ENCRYPTION_KEY without anyone generating a key by hand.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function readDevVars(file: string): Map<string, string> {
  const vars = new Map<string, string>();
  if (!existsSync(file)) return vars;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*"?([^"]*)"?\s*$/.exec(line);
    if (match?.[1]) vars.set(match[1], match[2] ?? '');
  }
  return vars;
}

/** Returns the local TOKEN_ENCRYPTION_KEY, generating and saving a random one the first time. */
export function ensureLocalEncryptionKey(file: string): { key: string; created: boolean } {
  const existing = readDevVars(file).get('TOKEN_ENCRYPTION_KEY');
  if (existing) return { key: existing, created: false };
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  writeFileSync(file, `${before}${separator}TOKEN_ENCRYPTION_KEY="${key}"\n`);
  return { key, created: true };
}
