import { cpus } from 'node:os';
import { relative } from 'node:path';
import { main, parseFlags } from '../lib/cli.js';
import { dryRunShell, realShell } from '../lib/shell.js';
import { runKindBench } from './kind/kind-bench.js';
import { kindBenchReport, markdownReport, writeKindResults } from './kind/kind-report.js';
import { dryLoader, realLoader } from './kind/loader.js';
import { FULL_RUN, SHORT_RUN } from './kind/profiles.js';
import { describeStep } from './kind/words.js';
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
With --target: on the kind cluster, measures the api's capacity with 5, 3 and 1 warm api pods
behind its Service in seven rounds, each pod held to one CPU budget, names what limited every
step, and draws it to scripts/bench/results/kind-capacity.svg. --short runs 1 and 3 replicas
once, with short steps, and writes only its own JSON.`,
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
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (flags['dry-run']) {
    await runKindBench(options, { shell: dryRunShell(say), loader: dryLoader(say) });
    return;
  }
  const steps = await runKindBench(options, {
    shell: realShell(say),
    loader: realLoader,
    onStep: (step) => say(describeStep(step)),
  });
  const report = kindBenchReport(options, steps, cpus()[0]?.model ?? 'unknown');
  const files = await writeKindResults(report, { latest: !flags.short });
  say(
    `\n${markdownReport(report)}\n\nresults: ${files.map((f) => relative(process.cwd(), f)).join(', ')}`,
  );
});
