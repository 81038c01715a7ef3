import { main, parseFlags } from '../lib/cli.js';
import { dryRunShell, realShell } from '../lib/shell.js';
import { kindDeploySteps } from './kind-deploy.js';
import { runSteps } from './steps.js';

const USAGE = `Usage: pnpm deploy:kind [--dry-run] [--cluster <name>] [--image <node image>]

Creates the kind cluster and its local registry if needed, builds both images, pushes them to the
registry, and rolls out podtalk with each image pinned by its digest.
  --dry-run          print the exact commands, in order; read the cluster, change nothing
  --cluster <name>   kind cluster name (default: podtalk)
  --image <image>    node image for every node when the cluster is created
                     (default: $KIND_NODE_IMAGE, else the images in k8s/kind/cluster.yaml)`;

const flags = parseFlags(
  {
    'dry-run': { type: 'boolean', default: false },
    cluster: { type: 'string', default: 'podtalk' },
    image: { type: 'string' },
  },
  USAGE,
);

const say = (line: string) => process.stdout.write(`${line}\n`);
const envImage = process.env.KIND_NODE_IMAGE;

main(async () => {
  const shell = flags['dry-run'] ? dryRunShell(say) : realShell(say);
  await runSteps(
    kindDeploySteps({
      cluster: flags.cluster,
      nodeImage: flags.image ?? (envImage === '' ? undefined : envImage),
    }),
    shell,
  );
});
