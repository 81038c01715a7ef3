import { run } from '@podtalk/cluster-kit';
import { parseArgs } from 'node:util';

// `pnpm test:e2e [--cluster <name> | --context <context> --any-cluster [--disruptive]] [vitest
// flags and file filters…]`. vitest refuses flags it does not know, so ours reach the global
// setup and the config as variables, and every other argument goes to vitest as it was typed
// (`--sequence.seed=<the seed a run printed>`).
const OURS = {
  cluster: { type: 'string' },
  context: { type: 'string' },
  'any-cluster': { type: 'boolean' },
  disruptive: { type: 'boolean' },
} as const;
const args = process.argv.slice(2);
const { values, tokens } = parseArgs({
  args,
  options: OURS,
  allowPositionals: true,
  strict: false,
  tokens: true,
});
const ours = new Set(
  tokens.flatMap((token) =>
    token.kind === 'option' && token.name in OURS
      ? token.inlineValue === false && OURS[token.name as keyof typeof OURS].type === 'string'
        ? [token.index, token.index + 1]
        : [token.index]
      : [],
  ),
);
const anyCluster = values['any-cluster'] === true;
// On podtalk's kind cluster every scenario runs. Elsewhere only those that hold on any
// conformant cluster, and the disruptive ones when asked for.
const scenarios = anyCluster
  ? ['portable', ...(values.disruptive === true ? ['disruptive'] : [])]
  : ['portable', 'disruptive', 'kind'];

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
  {
    show: true,
    env: {
      ...process.env,
      E2E_CLUSTER:
        typeof values.cluster === 'string'
          ? values.cluster
          : (process.env.E2E_CLUSTER ?? 'podtalk'),
      ...(typeof values.context === 'string' ? { E2E_CONTEXT: values.context } : {}),
      E2E_ANY_CLUSTER: anyCluster ? 'yes' : 'no',
      E2E_SCENARIOS: scenarios.join(','),
    },
  },
);
process.exit(vitest.code);
