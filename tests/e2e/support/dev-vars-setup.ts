// Every end-to-end file starts its own local stack, and each stack first makes sure the repository's
// `.dev.vars` holds the development secrets and the token key. On a fresh clone, files starting
// together would race to write it while another stack's wrangler already watches it: wrangler then
// reloads that worker mid-request (a 503 to whoever was signing in), and a key written twice no longer
// matches the one its seed encrypted with. Written once here, before any file starts.
import path from 'node:path';
import { ensureLocalEncryptionKey } from '../../../scripts/dev-vars';
import { ensureDevSecrets } from '../../../scripts/stack/dev-secrets';

export default function setup(): void {
  const file = path.join(import.meta.dirname, '..', '..', '..', '.dev.vars');
  ensureDevSecrets(file);
  ensureLocalEncryptionKey(file);
}
