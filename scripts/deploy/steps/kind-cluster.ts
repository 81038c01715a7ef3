import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../lib/paths.js';
import type { DeployState } from '../state.js';
import type { Step } from '../steps.js';

export const KIND_CONFIG = 'k8s/kind/cluster.yaml';

/**
 * The kind cluster's node containers, by the names kind gives them: `<cluster>-control-plane`,
 * then `<cluster>-worker`, `<cluster>-worker2` … in the order the config lists them.
 */
export function kindNodes(cluster: string, config = KIND_CONFIG): string[] {
  const { nodes = [] } = parse(readFileSync(`${REPO_ROOT}${config}`, 'utf8')) as {
    nodes?: { role: string }[];
  };
  const seen: Record<string, number> = {};
  return nodes.map(({ role }) => {
    const n = (seen[role] = (seen[role] ?? 0) + 1);
    return `${cluster}-${role}${n > 1 ? n : ''}`;
  });
}

/**
 * Creates the kind cluster unless it exists; a cluster that exists is kept as it is. Either way it
 * waits for every node to be Ready: kind's --wait covers the control plane only, and a worker not
 * yet Ready counts for nothing in the api's spread, so all its pods would land on the other.
 */
export const kindClusterStep = (
  { cluster, nodeImage }: { cluster: string; nodeImage: string | undefined },
  state: DeployState,
): Step => ({
  title: `Cluster ${cluster}`,
  async run(shell) {
    const clusters = await shell.read(['kind', 'get', 'clusters']);
    if (clusters.split('\n').includes(cluster)) {
      shell.log(`cluster ${cluster} exists; keeping it`);
    } else {
      state.clusterIsNew = true;
      await shell.run(
        [
          'kind',
          'create',
          'cluster',
          '--name',
          cluster,
          '--config',
          KIND_CONFIG,
          ...(nodeImage ? ['--image', nodeImage] : []),
          '--wait',
          '120s',
        ],
        { note: `${cluster} is not listed`, show: true },
      );
    }
    await shell.run(
      [
        'kubectl',
        '--context',
        `kind-${cluster}`,
        'wait',
        'node',
        '--all',
        '--for=condition=Ready',
        '--timeout=180s',
      ],
      { show: true },
    );
  },
});
