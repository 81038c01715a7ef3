import { defineConfig } from 'vitest/config';

// pnpm test:images: the images built and run as their pods run them. It needs a Docker engine,
// so `pnpm test` leaves it out. The build is the slow part; it happens once, before all tests.
export default defineConfig({
  test: {
    include: ['images/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    sequence: { shuffle: true },
  },
});
