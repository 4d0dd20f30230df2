// Every end-to-end file starts its own local stack, and each stack first makes sure the repository's
// `.dev.vars` holds the development secrets and the token key. On a fresh clone, files starting
// together would race to write it, and a key written twice no longer matches the one another stack's
// seed encrypted with. Written once here, before any file starts. (Session 7 also blamed this race
// for a 503 at sign-in; wrangler does not watch `.dev.vars`, so that 503 has another cause:
// docs/extension.md, "again in a moment".)
import path from 'node:path';
import { ensureLocalEncryptionKey } from '../../../scripts/dev-vars';
import { ensureDevSecrets } from '../../../scripts/stack/dev-secrets';

export default function setup(): void {
  const file = path.join(import.meta.dirname, '..', '..', '..', '.dev.vars');
  ensureDevSecrets(file);
  ensureLocalEncryptionKey(file);
}
