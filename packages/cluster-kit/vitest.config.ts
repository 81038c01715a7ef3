import { defineConfig } from 'vitest/config';

// Shuffled, so a test that leans on another one's leftovers fails instead of hiding.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, sequence: { shuffle: true } },
});
