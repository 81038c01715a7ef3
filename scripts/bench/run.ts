import { relative } from 'node:path';
import { main, parseFlags } from '../lib/cli.js';
import { FULL_RUN, kindBenchPlan, runKindBench, SHORT_RUN } from './kind/kind-bench.js';
import { summarize, writeKindResults } from './kind/kind-report.js';
import { runLocalBench } from './local/local-bench.js';

const flags = parseFlags(
  {
    target: { type: 'string' },
    cluster: { type: 'string', default: 'podtalk' },
    short: { type: 'boolean', default: false },
    'api-cpu': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  `Usage: pnpm bench [--target http://localhost:30080 [--cluster <name>] [--short] [--api-cpu 200m] [--dry-run]]

Without --target: runs baseline, db-client and api locally against MYSQL_URL (after pnpm build)
and prints a Markdown table with ratios; JSON goes to scripts/bench/results/.
With --target: on the kind cluster, finds the api's capacity at 1 to 5 replicas, each api pod
held to one CPU budget, and draws it to scripts/bench/results/kind-capacity.svg. --short runs 1
and 3 replicas with short steps, and writes only its own JSON.`,
);

main(async () => {
  if (!flags.target) {
    if (flags['dry-run']) throw new Error('--dry-run applies to --target runs only');
    await runLocalBench();
    return;
  }
  const options = {
    ...(flags.short ? SHORT_RUN : FULL_RUN),
    ...(flags['api-cpu'] ? { apiCpu: flags['api-cpu'] } : {}),
    target: flags.target,
    cluster: flags.cluster,
  };
  if (flags['dry-run']) {
    process.stdout.write(`${kindBenchPlan(options).join('\n')}\n`);
    return;
  }
  const report = await runKindBench(options);
  const { markdown, clean } = summarize(report);
  const files = await writeKindResults(report, { latest: !flags.short });
  process.stdout.write(
    `\n${markdown}\n\nresults: ${files.map((f) => relative(process.cwd(), f)).join(', ')}\n`,
  );
  if (!clean) throw new Error('a reported capacity had failed requests');
});
