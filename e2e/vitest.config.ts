import { defineConfig } from 'vitest/config';

// `pnpm test`: the helpers' own tests. The cluster scenarios run only with `pnpm test:e2e`.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 20_000, sequence: { shuffle: true } },
});
