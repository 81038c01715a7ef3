import { defineConfig } from 'vitest/config';

// The scenarios change one shared cluster (they delete pods, scale, toggle readiness),
// so they run one at a time, in order, each restoring what it changed.
export default defineConfig({
  test: {
    include: ['scenarios/**/*.e2e.ts'],
    globalSetup: ['./src/global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['verbose'],
  },
});
