import { defineConfig } from 'vitest/config';

// Shuffled, so a test that leans on another one's leftovers fails instead of hiding.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], sequence: { shuffle: true } },
});
