import { poll } from '@podtalk/cluster-kit';
import type { Shell } from '../../lib/shell.js';
import { registryAnswers } from '../registry.js';
import type { Step } from '../steps.js';
import { kindNodes } from './kind-cluster.js';

/**
 * kind's local-registry guide: a registry at localhost:5001 on this machine, which the nodes
 * reach as kind-registry:5000 on kind's Docker network. Images then reach the nodes by a push,
 * which sends only the layers that changed, and a pull by digest, as on any cluster.
 */
export const KIND_REGISTRY = 'localhost:5001';
const CONTAINER = 'kind-registry';
const HOSTS_DIR = `/etc/containerd/certs.d/${KIND_REGISTRY}`;
const HOSTS_TOML = `[host."http://${CONTAINER}:5000"]\n`;

/** Starts the registry unless one answers, joins it to kind's network, and tells each node. */
export const kindRegistryStep = (cluster: string): Step => ({
  title: `Local registry ${KIND_REGISTRY}, as kind's guide sets it up`,
  async run(shell) {
    if (
      await shell.ask(`whether a registry answers at ${KIND_REGISTRY}`, () =>
        registryAnswers(KIND_REGISTRY),
      )
    ) {
      shell.log(`a registry answers at ${KIND_REGISTRY}; using it`);
      await joinKindNetwork(shell);
    } else await startRegistry(shell);
    // localhost inside a node is the node itself: each node's containerd sends localhost:5001
    // to the registry's name on kind's network instead.
    for (const node of kindNodes(cluster))
      await shell.run(
        [
          'docker',
          'exec',
          '--interactive',
          node,
          'sh',
          '-c',
          `mkdir -p ${HOSTS_DIR} && cat > ${HOSTS_DIR}/hosts.toml`,
        ],
        {
          input: HOSTS_TOML,
          note: `${HOSTS_DIR}/hosts.toml: [host."http://${CONTAINER}:5000"]`,
        },
      );
  },
});

const connect = ['docker', 'network', 'connect', 'kind', CONTAINER];

/** The guide's registry container, on kind's network as well as on localhost:5001. */
async function startRegistry(shell: Shell) {
  await shell.run(
    [
      'docker',
      'run',
      '--detach',
      '--restart=always',
      '--publish',
      '127.0.0.1:5001:5000',
      '--network',
      'bridge',
      '--name',
      CONTAINER,
      'registry:3',
    ],
    { note: `nothing answers at ${KIND_REGISTRY}` },
  );
  await shell.run(connect);
  await shell.work(`waits until ${KIND_REGISTRY} answers`, () =>
    poll(async () => ((await registryAnswers(KIND_REGISTRY)) ? true : undefined), {
      what: `the registry at ${KIND_REGISTRY}`,
      timeoutMs: 30_000,
      intervalMs: 250,
    }).then(() => undefined),
  );
}

/** A registry container named as the guide names it, not on kind's network yet, joins it. */
async function joinKindNetwork(shell: Shell) {
  const inspected = await shell.probe([
    'docker',
    'inspect',
    '--format',
    '{{json .NetworkSettings.Networks}}',
    CONTAINER,
  ]);
  // No such container: the registry that answers is set up another way, and reachable already.
  if (inspected.code !== 0) return;
  if (!('kind' in (JSON.parse(inspected.stdout) as Record<string, unknown>)))
    await shell.run(connect, { note: 'not on it yet' });
}
