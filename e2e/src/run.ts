import { run } from '@podtalk/cluster-kit';
import { parseArgs } from 'node:util';

// `pnpm test:e2e [--cluster <name>] [vitest flags and file filters…]`: vitest refuses flags it
// does not know, so the cluster reaches the global setup as E2E_CLUSTER, and every other
// argument goes to vitest as it was typed (`--sequence.seed=<the seed a run printed>`).
const args = process.argv.slice(2);
const { values, tokens } = parseArgs({
  args,
  options: { cluster: { type: 'string' } },
  allowPositionals: true,
  strict: false,
  tokens: true,
});
const ours = new Set(
  tokens.flatMap((token) =>
    token.kind === 'option' && token.name === 'cluster'
      ? token.inlineValue
        ? [token.index]
        : [token.index, token.index + 1]
      : [],
  ),
);
const cluster =
  typeof values.cluster === 'string' ? values.cluster : (process.env.E2E_CLUSTER ?? 'podtalk');

const vitest = await run(
  [
    'pnpm',
    'exec',
    'vitest',
    'run',
    '--config',
    'vitest.e2e.config.ts',
    ...args.filter((_, i) => !ours.has(i)),
  ],
  { show: true, env: { ...process.env, E2E_CLUSTER: cluster } },
);
process.exit(vitest.code);
