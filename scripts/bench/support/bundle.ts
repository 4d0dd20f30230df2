// The worker as workerd runs it: wrangler's own bundler (`wrangler deploy --dry-run`), so the bench
// runs exactly the code `wrangler dev` and a deployment run, without wrangler dev's proxy in front.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Bundles worker/index.ts into a fresh temporary folder; returns the path of the module. */
export function bundleWorker(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'greenline-bench-bundle-'));
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } },
  );
  if (result.status !== 0) throw new Error(`bundling the worker failed:\n${result.stderr}${result.stdout}`);
  return path.join(outdir, 'index.js');
}
