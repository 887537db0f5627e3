import { defineConfig } from 'vitest/config';

// Slow suites — real browsers, fault injection, database clusters — are named
// `*.e2e.test.ts`, `*.fault.test.ts` and `*.cluster.test.ts`. They run after the fast ones, one
// file at a time, so they never compete for the two cores with each other.
const SLOW = ['test/**/*.e2e.test.ts', 'test/**/*.fault.test.ts', 'test/**/*.cluster.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: SLOW,
          // Two cores: two test files at a time, each with its own database.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
