import { run } from '@podtalk/cluster-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { takeBack } from './take-back.js';
import { pendingUndos } from './undo.js';

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

// Each change a scenario makes to the cluster is noted here, with its undo, before it is made.
const journalDir = mkdtempSync(join(tmpdir(), 'podtalk-e2e-'));
const journal = join(journalDir, 'undo.jsonl');
const say = (line: string) => process.stdout.write(`${line}\n`);

// Ctrl-C (or a SIGTERM) reaches this process: it stops vitest, whose scenarios then run no
// `finally` and no afterAll, and stays to take back what they changed. Listening for good: a
// second Ctrl-C must not stop that half-way.
const stop = new AbortController();
const interrupt = (signal: NodeJS.Signals) => {
  say(
    stop.signal.aborted
      ? `${signal}: still taking back the suite's changes; one moment`
      : `\n${signal}: stopping the suite; taking back what it changed …`,
  );
  stop.abort();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

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
    // vitest and its workers in a group of their own: when it is stopped, none of them is left
    // to change the cluster while it is being put back.
    ownGroup: true,
    signal: stop.signal,
    env: {
      ...process.env,
      E2E_UNDO_JOURNAL: journal,
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
const tookBack = await takeBack(pendingUndos(journal), say);
rmSync(journalDir, { recursive: true, force: true });
process.exit(stop.signal.aborted ? 130 : tookBack ? vitest.code : 1);
