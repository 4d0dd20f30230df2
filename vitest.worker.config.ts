// Workers vitest integration: tests/worker/** run inside workerd against the real Worker (SELF) with
// a local D1. Migrations are read here and applied by each test file (storage is per test file);
// outbound fetches go to a fake Graph API.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { Response } from 'miniflare';
import { defineConfig } from 'vitest/config';
import { fakeGraph } from './tests/worker/fake-graph';
import { fakeSend } from './tests/worker/fake-graph-messages';

/** Test-only AES key (32 zero-free bytes, base64); real keys come from `wrangler secret put`. */
export const TEST_TOKEN_ENCRYPTION_KEY = 'dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMDEyMzQ=';

/** Test-only webhook secrets (tests/worker/webhooks*.test.ts sign with these). */
export const TEST_APP_SECRET = 'test-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
            WHATSAPP_API_BASE: 'http://graph.test',
            WHATSAPP_APP_SECRET: TEST_APP_SECRET,
            WHATSAPP_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
          },
          // The worker's outbound fetches (template sync) reach a fake Graph API, never the network.
          outboundService: async (request) => {
            const auth = request.headers.get('authorization');
            const sent = request.method === 'POST' ? fakeSend(request.url, auth, await request.text()) : null;
            const answer = sent ?? fakeGraph(request.url, auth, request.method);
            if ('bytes' in answer && answer.bytes) {
              const type = answer.contentType ?? 'application/octet-stream';
              return new Response(answer.bytes, { status: answer.status, headers: { 'content-type': type } });
            }
            const { status, body } = answer;
            return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
              status,
              headers: { 'content-type': 'application/json' },
            });
          },
        },
      }),
    ],
    test: {
      name: 'worker',
      include: ['tests/worker/**/*.test.ts', 'tests/storage/**/*.d1.test.ts'],
    },
  };
});
