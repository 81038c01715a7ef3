import { main, parseFlags } from '../src/lib/cli.js';
import { describeStep, kindBenchPlan, runKindBench } from './lib/kind-bench.js';
import { runLocalBench } from './lib/local-bench.js';

const flags = parseFlags(
  {
    target: { type: 'string' },
    cluster: { type: 'string', default: 'podtalk' },
    'dry-run': { type: 'boolean', default: false },
  },
  `Usage: pnpm bench [--target http://localhost:30080 [--cluster <name>] [--dry-run]]

Without --target: runs baseline, db-client and api locally against MYSQL_URL (after pnpm build)
and prints a Markdown table with ratios; JSON goes to scripts/bench/results/.
With --target: drives the api through the kind NodePort at 1 and at 3 replicas.`,
);

main(async () => {
  if (!flags.target) {
    if (flags['dry-run']) throw new Error('--dry-run applies to --target runs only');
    await runLocalBench();
    return;
  }
  const options = { target: flags.target, cluster: flags.cluster };
  if (flags['dry-run']) {
    for (const step of kindBenchPlan(options)) process.stdout.write(`${describeStep(step)}\n`);
    return;
  }
  await runKindBench(options);
});
