import { contentTag } from '../images/content-tag.js';
import { main, parseFlags } from '../lib/cli.js';
import { APP_URL, deployPlan } from './plan.js';
import { preflight } from './preflight.js';
import { dryRunShell, realShell, type Shell } from '../lib/shell.js';

const USAGE = `Usage: pnpm deploy:kind [--dry-run] [--cluster <name>] [--image <node image>] [--skip-build]

Creates the kind cluster if needed, builds and loads both images, and rolls out podtalk.
  --dry-run          print the exact commands, in order, and run nothing
  --cluster <name>   kind cluster name (default: podtalk)
  --image <image>    node image for every node when the cluster is created
                     (default: $KIND_NODE_IMAGE, else the images in k8s/kind/cluster.yaml)
  --skip-build       reuse images already built for the current sources`;

const flags = parseFlags(
  {
    'dry-run': { type: 'boolean', default: false },
    cluster: { type: 'string', default: 'podtalk' },
    image: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
  USAGE,
);

const say = (line: string) => process.stdout.write(`${line}\n`);
const envImage = process.env.KIND_NODE_IMAGE;

const PREFLIGHT = 'Preflight: every tool the README lists';

/** Checks the tools first; the plan then builds the way docker can, with nothing left to guess. */
async function checkTools(shell: Shell) {
  const result = await preflight(undefined, (command, input) => shell.probe(command, input));
  result.lines.forEach((line) => shell.log(line));
  // A dry run's probes answer nothing, so there is nothing to judge; it shows the buildx route.
  if (shell.dryRun) return 'buildx';
  if (!result.ok || !result.builder)
    throw new Error('preflight failed: install what is missing above, then run this again');
  return result.builder;
}

main(async () => {
  const dryRun = flags['dry-run'];
  const shell = dryRun ? dryRunShell(say) : realShell(say);
  const heading = (n: number, title: string) =>
    say(dryRun ? `# ${n}. ${title}` : `\n▶ ${n}. ${title}`);

  heading(1, PREFLIGHT);
  const builder = await checkTools(shell);
  const steps = deployPlan({
    cluster: flags.cluster,
    nodeImage: flags.image ?? (envImage === '' ? undefined : envImage),
    skipBuild: flags['skip-build'],
    tags: { 'db-client': contentTag('db-client'), api: contentTag('api') },
    builder,
  });
  for (const [i, step] of steps.entries()) {
    heading(i + 2, step.title);
    await step.run(shell);
  }
  if (dryRun) return;
  say(`
✓ podtalk is running: ${APP_URL}

Try:
  curl -s ${APP_URL}/api/whoami                      # which api pod answered
  kubectl --context kind-${flags.cluster} -n podtalk get pods -o wide
  kubectl --context kind-${flags.cluster} -n podtalk get endpointslices -l kubernetes.io/service-name=api
  pnpm test:e2e                                   # prove every claim on this cluster`);
});
