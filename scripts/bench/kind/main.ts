import { cpus } from 'node:os';
import { relative } from 'node:path';
import { main, parseFlags } from '../../lib/cli.js';
import { dryRunShell, realShell } from '../../lib/shell.js';
import { FULL_RUN, SHORT_RUN } from './profile.js';
import { kindReport, printedReport, writeKindResults } from './report.js';
import { RestoreError, runBench } from './run-bench.js';
import { describeStep } from './words.js';

const flags = parseFlags(
  {
    target: { type: 'string' },
    cluster: { type: 'string', default: 'podtalk' },
    short: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  },
  `Usage: pnpm bench:kind --target http://<node address>:30080 [--cluster <name>] [--short] [--dry-run]

Measures the api's capacity on the kind cluster with 7, 5, 3 and 1 warm api pods behind its Service,
each held to one CPU budget, in front of one db-client held to its own: where the api pods stop
adding capacity, and what limited every step. About 25 minutes; Ctrl-C stops it and restores what
pnpm deploy:kind left. Results go to scripts/bench/results/. --short runs 3 and 1 pods once with
short steps, and keeps only its own JSON. --dry-run prints the commands and changes nothing.`,
);

const say = (line: string) => process.stdout.write(`${line}\n`);

main(async () => {
  if (!flags.target)
    throw new Error('--target is needed: the api NodePort, e.g. http://172.18.0.2:30080');
  const profile = flags.short ? SHORT_RUN : FULL_RUN;
  const stop = new AbortController();
  // Listening for good, not once: a second Ctrl-C must not kill the restore half-way, and with a
  // listener in place execa's exit hook does not re-raise the signal either.
  const interrupt = (signal: NodeJS.Signals) => {
    say(
      stop.signal.aborted
        ? `${signal}: still restoring; one moment`
        : `\n${signal}: stopping; restoring what pnpm deploy:kind left …`,
    );
    stop.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const shell = flags['dry-run'] ? dryRunShell(say) : realShell(say);
  try {
    const steps = await runBench({
      profile,
      target: flags.target,
      cluster: flags.cluster,
      shell,
      signal: stop.signal,
      onStep: (step) => say(describeStep(step)),
    });
    const report = kindReport(profile, steps, cpus()[0]?.model ?? 'unknown');
    await shell.work('writes the results to scripts/bench/results/', async () => {
      const files = await writeKindResults(report, { full: !flags.short });
      say(
        `\n${printedReport(report)}\n\nresults: ${files.map((f) => relative(process.cwd(), f)).join(', ')}`,
      );
    });
  } catch (error) {
    if (!stop.signal.aborted || error instanceof RestoreError) throw error;
    say('✗ interrupted: no results were written');
    process.exitCode = 130;
  }
});
