import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// One `npm test` runs every project. Each project is one runtime:
//   domain  pure core in plain Node (fast; property and model-based tests)
//   node    sandbox, typed client and other Node-side tests
//   worker  the Workers vitest integration (workerd + D1): vitest.worker.config.ts
//   storage the directory repository suite on libSQL (the D1 run is in the worker project)
//   extension  adapters on saved CRM pages, models and components (happy-dom, WXT's fake browser)
export default defineConfig({
  test: {
    projects: [
      'vitest.worker.config.ts',
      {
        plugins: [WxtVitest({ root: 'extension' })],
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: {
          name: 'extension',
          include: ['tests/extension/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'storage',
          include: ['tests/storage/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'domain',
          include: ['tests/domain/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/domain/support/fc-seed.ts'],
          globalSetup: ['tests/domain/support/fc-seed-banner.ts'],
        },
      },
      {
        test: {
          name: 'contract',
          include: ['tests/contract/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'whatsapp',
          include: ['tests/whatsapp/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'sandbox',
          include: ['tests/sandbox/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/support/dev-vars-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
