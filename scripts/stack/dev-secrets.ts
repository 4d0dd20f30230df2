// Development secrets of the local Worker in `.dev.vars` (git-ignored; wrangler dev reads it):
// adds the demo Meta app secret and webhook verify token when they are absent and never changes a
// value someone set. TOKEN_ENCRYPTION_KEY is left to the seed (scripts/dev-vars.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEMO_APP_SECRET, DEMO_VERIFY_TOKEN } from '../../shared/demo';
import { readDevVars } from '../dev-vars';

export const DEV_SECRETS: Readonly<Record<string, string>> = {
  WHATSAPP_APP_SECRET: DEMO_APP_SECRET,
  WHATSAPP_VERIFY_TOKEN: DEMO_VERIFY_TOKEN,
};

/** Appends each missing development secret to `file`; returns the names it added. */
export function ensureDevSecrets(file: string): string[] {
  const present = readDevVars(file);
  const missing = Object.entries(DEV_SECRETS).filter(([name]) => !present.get(name));
  if (missing.length === 0) return [];
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  const lines = missing.map(([name, value]) => `${name}="${value}"\n`).join('');
  writeFileSync(file, `${before}${separator}${lines}`);
  return missing.map(([name]) => name);
}
