import { defineConfig } from 'vitest/config';

// pnpm test:tooling: the tooling's own tests that need podtalk's kind cluster, as pnpm
// deploy:kind left it. `pnpm test` leaves them out; .ci/run runs them after the e2e suite.
export default defineConfig({
  test: {
    include: ['on-cluster/**/*.test.ts'],
    testTimeout: 600_000,
    fileParallelism: false,
    sequence: { shuffle: true },
  },
});
