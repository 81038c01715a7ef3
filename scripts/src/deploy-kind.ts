import { formatCommand } from './lib/command.js';
import { parseFlags, main } from './lib/cli.js';
import { contentTag } from './lib/content-tag.js';
import { APP_URL, deployPlan } from './lib/deploy-plan.js';

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

main(async () => {
  const steps = deployPlan({
    cluster: flags.cluster,
    nodeImage: flags.image ?? (envImage === '' ? undefined : envImage),
    skipBuild: flags['skip-build'],
    tags: { 'db-client': contentTag('db-client'), api: contentTag('api') },
  });

  if (flags['dry-run']) {
    steps.forEach((step, i) => {
      say(`# ${i + 1}. ${step.title}`);
      for (const { command, note } of step.commands)
        say(`${formatCommand(command)}${note ? `   # ${note}` : ''}`);
    });
    return;
  }

  for (const [i, step] of steps.entries()) {
    say(`\n▶ ${i + 1}/${steps.length} ${step.title}`);
    await step.run((line) => say(`  ${line}`));
  }
  say(`
✓ podtalk is running: ${APP_URL}

Try:
  curl -s ${APP_URL}/api/whoami                      # which api pod answered
  kubectl --context kind-${flags.cluster} -n podtalk get pods -o wide
  kubectl --context kind-${flags.cluster} -n podtalk get endpointslices -l kubernetes.io/service-name=api
  pnpm test:e2e                                   # prove every claim on this cluster`);
});
