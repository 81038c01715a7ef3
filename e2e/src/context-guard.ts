import { kubectl } from './kubectl.js';

export class RefusedContext extends Error {
  override name = 'RefusedContext';
}

/**
 * The suite deletes pods and scales workloads, so it runs only where that is harmless:
 * the current context must be a kind cluster, and it must answer within `timeoutMs`.
 * Resolves with the context name to pin every later kubectl call to.
 */
export async function requireKindContext(timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());

  const current = await kubectl(['config', 'current-context'], { timeoutMs: left() });
  if (current.code === 127)
    throw new RefusedContext('kubectl is not installed: https://kubernetes.io/docs/tasks/tools/');
  const context = current.stdout.trim();
  if (current.code !== 0 || !context) {
    throw new RefusedContext(
      'There is no current kube context. Create the cluster first: pnpm deploy:kind',
    );
  }
  if (!context.startsWith('kind-')) {
    throw new RefusedContext(
      `The current context is "${context}", which is not a kind cluster. The e2e suite deletes pods and ` +
        'scales deployments, so it refuses to run there. Switch first: kubectl config use-context kind-podtalk',
    );
  }

  const nodes = await kubectl(
    ['--context', context, '--request-timeout=5s', 'get', 'nodes', '--output', 'json'],
    { timeoutMs: left() },
  );
  if (nodes.code !== 0) {
    throw new RefusedContext(
      `The kind cluster of context "${context}" did not answer within ${timeoutMs / 1000} s (${nodes.stderr.trim().split('\n')[0] ?? ''}). ` +
        'Is it running? Start it with: pnpm deploy:kind',
    );
  }
  const { items } = JSON.parse(nodes.stdout) as { items: { spec?: { providerID?: string } }[] };
  if (items.length === 0 || !items.every((node) => node.spec?.providerID?.startsWith('kind://'))) {
    throw new RefusedContext(
      `Context "${context}" is named like kind but its nodes are not kind nodes; refusing to run.`,
    );
  }
  return context;
}
