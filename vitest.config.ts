import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration suites start real servers on ephemeral ports; two cores, so keep forks modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
