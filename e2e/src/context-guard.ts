import { kubectl } from '@podtalk/cluster-kit';

export class RefusedContext extends Error {
  override name = 'RefusedContext';
}

/** Where the suite runs, and what that allows: all scenarios on podtalk's kind cluster. */
export interface SuiteTarget {
  context: string;
  /** The kind cluster podtalk's deploy made: every scenario may run, kind-only ones included. */
  kind: boolean;
}

export interface TargetChoice {
  /** The kind cluster to run on (kind-<cluster>), unless `context` names another. */
  cluster?: string;
  /** A context to run on; any other than kind-<cluster> needs `anyCluster`. */
  context?: string;
  /** The explicit choice to run on a cluster that is not podtalk's kind cluster. */
  anyCluster?: boolean;
  timeoutMs?: number;
}

/**
 * The suite deletes pods, drains nodes and scales workloads, so it runs only where that is
 * harmless: the context of podtalk's kind cluster (kind-podtalk unless told otherwise), whatever
 * context is current, and only if its nodes really are that kind cluster's. Another cluster takes
 * an explicit choice (`anyCluster`). Either way the cluster must answer within `timeoutMs`.
 * Resolves with the context to pin every kubectl call to, and whether it is the kind cluster.
 */
export async function chooseTarget({
  cluster = 'podtalk',
  context = `kind-${cluster}`,
  anyCluster = false,
  timeoutMs = 10_000,
}: TargetChoice = {}): Promise<SuiteTarget> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const ourKind = context === `kind-${cluster}`;

  const contexts = await kubectl(['config', 'get-contexts', '--output', 'name'], {
    timeoutMs: left(),
  });
  if (contexts.code === 127)
    throw new RefusedContext('kubectl is not installed: https://kubernetes.io/docs/tasks/tools/');
  if (!contexts.stdout.split('\n').includes(context)) {
    throw new RefusedContext(
      ourKind
        ? `There is no kube context "${context}": the e2e suite runs only on the kind cluster "${cluster}", unless told otherwise. ` +
            `Create it first: pnpm deploy:kind${cluster === 'podtalk' ? '' : ` --cluster ${cluster}`}`
        : `There is no kube context "${context}" (kubectl config get-contexts lists the ones there are).`,
    );
  }
  if (!ourKind && !anyCluster)
    throw new RefusedContext(
      `Context "${context}" is not podtalk's kind cluster. The suite deletes pods and scales workloads: ` +
        'to run its portable scenarios there, say so with --any-cluster (and --disruptive for the drains).',
    );

  const nodes = await kubectl(
    ['--context', context, '--request-timeout=5s', 'get', 'nodes', '--output', 'json'],
    {
      timeoutMs: left(),
    },
  );
  if (nodes.code !== 0) {
    throw new RefusedContext(
      `The cluster behind "${context}" did not answer within ${timeoutMs / 1000} s (${nodes.stderr.trim().split('\n')[0] ?? ''}). ` +
        (ourKind ? 'Is it running? Start it with: pnpm deploy:kind' : 'Is it reachable from here?'),
    );
  }
  const { items } = JSON.parse(nodes.stdout) as { items: { spec?: { providerID?: string } }[] };
  // kind names each node kind://<provider>/<cluster>/<node>.
  const kind =
    items.length > 0 &&
    items.every(
      (node) =>
        (node.spec?.providerID ?? '').split('/')[3] === cluster &&
        node.spec?.providerID?.startsWith('kind://'),
    );
  if (ourKind && !kind && !anyCluster) {
    throw new RefusedContext(
      `Context "${context}" does not lead to the nodes of the kind cluster "${cluster}"; refusing to run.`,
    );
  }
  return { context, kind: ourKind && kind };
}
