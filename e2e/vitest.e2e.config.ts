import { defineConfig } from 'vitest/config';

// The scenarios change one shared cluster (they delete pods, drain nodes, scale, toggle
// readiness), so they run one at a time, each restoring what it changed. The order is
// shuffled: each scenario must stand alone. Which folders run is run.ts's choice: portable/
// holds on any conformant cluster, disruptive/ drains nodes, kind/ needs podtalk's kind cluster.
const folders = (process.env.E2E_SCENARIOS ?? 'portable,disruptive,kind').split(',');

export default defineConfig({
  test: {
    include: folders.map((folder) => `scenarios/${folder}/*.e2e.ts`),
    globalSetup: ['./src/global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false, shuffle: true },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['verbose'],
  },
});
