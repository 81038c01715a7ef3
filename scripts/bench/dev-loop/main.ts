import { readFileSync, writeFileSync } from 'node:fs';
import { bindKubectl, spread, tenths } from '@podtalk/cluster-kit';
import { kindDeploySteps } from '../../deploy/kind-deploy.js';
import { runSteps } from '../../deploy/steps.js';
import { NAMESPACE } from '../../kube/manifests.js';
import { main, parseFlags } from '../../lib/cli.js';
import { REPO_ROOT } from '../../lib/paths.js';
import { realShell } from '../../lib/shell.js';
import { waitUntilLive } from './live.js';

const flags = parseFlags(
  {
    cluster: { type: 'string', default: 'podtalk' },
    target: { type: 'string', default: 'http://localhost:30080' },
    samples: { type: 'string', default: '3' },
  },
  `Usage: pnpm bench:dev-loop [--target http://<node address>:30080] [--cluster <name>] [--samples 3]

Times the loop from a one-line change in the api to every serving api pod answering with the new
code: it changes the version the api reports, runs pnpm deploy:kind, and waits until every pod
behind the Service answers with it; each part timed on its own. It puts the line back and deploys
it again at the end. Results go to scripts/bench/results/latest-dev-loop.json.`,
);

// The one line changed: the version /api/whoami reports, so the change is visible in every answer.
const FILE = 'services/api/src/main.ts';
const LINE = 'version: config.APP_VERSION ?? packageJson.version,';
const say = (line: string) => process.stdout.write(`${line}\n`);
const PARTS = ['build', 'push', 'apply', 'rollout', 'total'] as const;
type Sample = Record<(typeof PARTS)[number], number>;

/** One deploy of the working tree, with the time each step took, by title. */
async function deploy(): Promise<Record<string, number>> {
  const timings = await runSteps(
    kindDeploySteps({ cluster: flags.cluster, nodeImage: undefined }),
    realShell(say),
  );
  return Object.fromEntries(
    timings.map(({ title, ms }) => [title.split(' ')[0] ?? title, ms / 1000]),
  );
}

main(async () => {
  const original = readFileSync(`${REPO_ROOT}${FILE}`, 'utf8');
  if (!original.includes(LINE))
    throw new Error(`${FILE} no longer holds "${LINE}": point the bench at another line`);
  const kube = bindKubectl(`kind-${flags.cluster}`, NAMESPACE);
  const samples: Sample[] = [];
  try {
    for (let n = 1; n <= Number(flags.samples); n++) {
      const version = `dev-loop-${Date.now()}`;
      writeFileSync(`${REPO_ROOT}${FILE}`, original.replace(LINE, `version: '${version}',`));
      const started = performance.now();
      const steps = await deploy();
      const deployed = performance.now();
      await waitUntilLive(kube, flags.target, version);
      const sample = {
        build: tenths(steps.Build ?? NaN),
        push: tenths(steps.Push ?? NaN),
        apply: tenths(steps.Apply ?? NaN),
        rollout: tenths((steps.Wait ?? NaN) + (performance.now() - deployed) / 1000),
        total: tenths((performance.now() - started) / 1000),
      };
      samples.push(sample);
      say(`\nsample ${n}: ${JSON.stringify(sample)}`);
    }
  } finally {
    writeFileSync(`${REPO_ROOT}${FILE}`, original);
    say('\nthe line is back; deploying it again');
    await deploy();
  }
  const medians = Object.fromEntries(
    PARTS.map((part) => [part, tenths(spread(samples.map((s) => s[part])).median)]),
  );
  const result = { date: new Date().toISOString(), change: `${FILE}: ${LINE}`, samples, medians };
  writeFileSync(
    `${REPO_ROOT}scripts/bench/results/latest-dev-loop.json`,
    `${JSON.stringify(result, null, 2)}\n`,
  );
  say(
    `\nfrom a one-line change in the api to every api pod answering with it, median of ${samples.length}:`,
  );
  for (const part of PARTS) say(`  ${part}: ${medians[part]?.toFixed(1)} s`);
});
