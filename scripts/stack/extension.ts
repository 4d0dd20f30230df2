// `npm start` builds the browser extension for the running stack (its server preset to the worker's
// URL) into .output/extension/chrome-mv3, and rebuilds it when extension/ or shared/ change. A
// failed build is reported and the stack keeps running; the next change tries again.
import { execFile } from 'node:child_process';
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from './children';

export const EXTENSION_DIR = '.output/extension/chrome-mv3';

export function buildExtension(root: string, serverUrl: string, log: Logger): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile(
      path.join(root, 'node_modules', '.bin', 'wxt'),
      ['build', 'extension'],
      { cwd: root, env: { ...process.env, GREENLINE_SERVER: serverUrl, WXT_DISABLE_TELEMETRY: '1' } },
      (error, _stdout, stderr) => {
        if (error) {
          log(
            'extension',
            `build failed: ${(stderr || error.message).trim().split('\n').slice(-8).join(' | ')}`,
            true,
          );
          resolve(false);
          return;
        }
        log('extension', `built ${EXTENSION_DIR} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        resolve(true);
      },
    );
  });
}

/** Rebuilds after changes settle for 300 ms; one build at a time. Returns a stop function. */
export function watchExtension(root: string, serverUrl: string, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<boolean> | null = null;
  let again = false;
  const rebuild = (): void => {
    if (building) {
      again = true;
      return;
    }
    building = buildExtension(root, serverUrl, log).finally(() => {
      building = null;
      if (again) {
        again = false;
        rebuild();
      }
    });
  };
  const watchers: FSWatcher[] = ['extension', 'shared'].map((dir) =>
    watch(path.join(root, dir), { recursive: true }, (_event, file) => {
      if (file && /(^|[/\\])(\.wxt|node_modules)([/\\]|$)/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(rebuild, 300);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
