import { kubectlCommand, run } from '@podtalk/cluster-kit';
import { fileURLToPath } from 'node:url';
import { NAMESPACE } from '../kube/manifests.js';
import { main, parseFlags } from '../lib/cli.js';
import { differences, takeSnapshot } from './cluster-snapshot.js';

const flags = parseFlags(
  { cluster: { type: 'string', default: 'podtalk' } },
  `Usage: pnpm check:redeploy [--cluster <name>]

Runs pnpm deploy:kind once more, exactly as a user does, and fails unless nothing changed:
every object keeps its generation and no pod is replaced.`,
);

const DEPLOY = fileURLToPath(new URL('./deploy-kind.ts', import.meta.url));

main(async () => {
  const kubectl = kubectlCommand(`kind-${flags.cluster}`);
  const before = await takeSnapshot(kubectl, NAMESPACE);
  const deploy = await run(
    [process.execPath, '--import', 'tsx', DEPLOY, '--cluster', flags.cluster],
    {
      show: true,
    },
  );
  if (deploy.code !== 0) throw new Error(`the second pnpm deploy:kind exited ${deploy.code}`);
  const changed = differences(before, await takeSnapshot(kubectl, NAMESPACE));
  if (changed.length > 0)
    throw new Error(`a deploy without a change changed the cluster:\n  ${changed.join('\n  ')}`);
  const objects = Object.keys(before.generations).length;
  const pods = Object.keys(before.pods).length;
  process.stdout.write(
    `\n✓ nothing changed: ${objects} objects kept their generation and ${pods} pods kept running\n`,
  );
});
