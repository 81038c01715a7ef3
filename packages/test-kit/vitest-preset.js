// The vitest config of every service: plain JavaScript, because Node loads it before any
// TypeScript tooling runs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript source, so tests need no build first.
  // The rest are Vite's default server conditions, which a custom list replaces, less 'module':
  // that one picks builds meant for bundlers, such as OpenTelemetry's API, which Node cannot load.
  ssr: { resolve: { conditions: ['@podtalk/source', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // One MySQL server for the run; each test file creates its own database on it.
    globalSetup: [fileURLToPath(new URL('./src/global-setup.ts', import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Shuffled, so a test that leans on another one's leftovers fails instead of hiding.
    sequence: { shuffle: true },
  },
});
