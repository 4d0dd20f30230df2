import { defineConfig } from 'vitest/config';

// One `npm test` runs every project. Each project is one runtime:
//   domain  pure core in plain Node (fast; property and model-based tests)
//   node    sandbox, typed client and other Node-side tests
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['tests/domain/**/*.test.ts'],
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
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
