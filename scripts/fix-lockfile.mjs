#!/usr/bin/env node
// Works around npm/cli#9846: when the registry this machine reaches lacks some platform-specific
// optional packages (e.g. @biomejs/cli-darwin-arm64), `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lockfile it just wrote. This adds an inert entry
// (version, os/cpu/libc, optional) for each such package so `npm ci` validates; npm never fetches
// them because they do not match this platform. Idempotent; changes only package-lock.json.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages ?? {};

/** os / cpu / libc from the package's name, as the platform packages spell them. */
function platformOf(name) {
  const tail = name.split('/').pop() ?? '';
  const os = ['android', 'darwin', 'linux', 'win32', 'windows', 'freebsd'].find((o) => tail.includes(o));
  const cpu =
    ['arm64', 'x64', 'ia32', 'arm'].find((c) => tail.includes(c)) ??
    (tail.endsWith('-64') ? 'x64' : undefined);
  if (!os || !cpu) return null;
  const entry = { os: [os === 'windows' ? 'win32' : os], cpu: [cpu] };
  if (tail.includes('musl')) entry.libc = ['musl'];
  return entry;
}

function candidates(key, name) {
  const out = [];
  let base = key;
  while (base) {
    out.push(`${base}/node_modules/${name}`);
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
  out.push(`node_modules/${name}`);
  return out;
}

let added = 0;
for (const [key, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    // Node's resolution: the nearest node_modules/<name> walking up from the dependent decides.
    const nearest = candidates(key, name).find((c) => packages[c]);
    if (nearest && packages[nearest].version === version) continue;
    const where = nearest ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[where] = { version, ...platform, ...(pkg.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
if (added > 0) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: ${added} inert optional package entr${added === 1 ? 'y' : 'ies'} added`);
