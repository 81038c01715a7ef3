import { kubectl } from '@podtalk/cluster-kit';

export class RefusedContext extends Error {
  override name = 'RefusedContext';
}

/**
 * The suite deletes pods, drains nodes and scales workloads, so it runs only where that is
 * harmless: the context of the kind cluster `cluster` (kind-podtalk unless told otherwise),
 * whatever context is current, and only if that cluster answers within `timeoutMs` and its
 * nodes really are that kind cluster's. Resolves with the context to pin every kubectl call to.
 */
export async function requireKindContext(cluster = 'podtalk', timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const context = `kind-${cluster}`;

  const contexts = await kubectl(['config', 'get-contexts', '--output', 'name'], {
    timeoutMs: left(),
  });
  if (contexts.code === 127)
    throw new RefusedContext('kubectl is not installed: https://kubernetes.io/docs/tasks/tools/');
  if (!contexts.stdout.split('\n').includes(context)) {
    throw new RefusedContext(
      `There is no kube context "${context}": the e2e suite runs only on the kind cluster "${cluster}". ` +
        `Create it first: pnpm deploy:kind${cluster === 'podtalk' ? '' : ` --cluster ${cluster}`}`,
    );
  }

  const nodes = await kubectl(
    ['--context', context, '--request-timeout=5s', 'get', 'nodes', '--output', 'json'],
    { timeoutMs: left() },
  );
  if (nodes.code !== 0) {
    throw new RefusedContext(
      `The kind cluster "${cluster}" did not answer within ${timeoutMs / 1000} s (${nodes.stderr.trim().split('\n')[0] ?? ''}). ` +
        'Is it running? Start it with: pnpm deploy:kind',
    );
  }
  const { items } = JSON.parse(nodes.stdout) as { items: { spec?: { providerID?: string } }[] };
  // kind names each node kind://<provider>/<cluster>/<node>.
  const ours = (id = '') => id.startsWith('kind://') && id.split('/')[3] === cluster;
  if (items.length === 0 || !items.every((node) => ours(node.spec?.providerID))) {
    throw new RefusedContext(
      `Context "${context}" does not lead to the nodes of the kind cluster "${cluster}"; refusing to run.`,
    );
  }
  return context;
}
