import { defineConfig } from 'vitest/config';

// The scenarios change one shared cluster (they delete pods, drain nodes, scale, toggle
// readiness), so they run one at a time, each restoring what it changed. The order is
// shuffled: each scenario must stand alone.
export default defineConfig({
  test: {
    include: ['scenarios/**/*.e2e.ts'],
    globalSetup: ['./src/global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false, shuffle: true },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['verbose'],
  },
});
