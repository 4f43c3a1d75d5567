import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's), real server, built client. One at a time: two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
