import { main, parseFlags } from '../lib/cli.js';
import { dryRunShell, realShell } from '../lib/shell.js';
import { clusterDeploySteps } from './cluster-deploy.js';
import { runSteps } from './steps.js';

const USAGE = `Usage: pnpm deploy:cluster --context <kube context> --registry <host[:port][/path]> [--dry-run]

Deploys podtalk to any conformant cluster: builds both images for the platforms its nodes run,
pushes them to the registry, and applies k8s/overlays/cluster with each image pinned by the digest
it was pushed as. Then asks the cluster, with a real connection, whether it enforces NetworkPolicy.
  --context <name>    the kube context to deploy to (or $PODTALK_CONTEXT); never the current one
  --registry <name>   a registry the nodes pull from and this machine can push to
                      (or $PODTALK_REGISTRY): ghcr.io/you, say, after docker login
  --dry-run           print the exact commands, in order; read the cluster, change nothing`;

const flags = parseFlags(
  {
    'dry-run': { type: 'boolean', default: false },
    context: { type: 'string', default: process.env.PODTALK_CONTEXT ?? '' },
    registry: { type: 'string', default: process.env.PODTALK_REGISTRY ?? '' },
  },
  USAGE,
);

const say = (line: string) => process.stdout.write(`${line}\n`);

main(async () => {
  if (!flags.context || !flags.registry)
    throw new Error(`both --context and --registry are needed\n\n${USAGE}`);
  const shell = flags['dry-run'] ? dryRunShell(say) : realShell(say);
  await runSteps(clusterDeploySteps({ context: flags.context, registry: flags.registry }), shell);
});
