import type { IPodList } from 'kubernetes-models/v1/PodList';
import { poll } from '../wait/poll.js';
import type { Kube } from './kubectl.js';

/** podtalk's workloads, in the order a deploy rolls them out. */
export const WORKLOADS = [
  'statefulset/mysql',
  'deployment/jaeger',
  'deployment/db-client',
  'deployment/api',
] as const;

/**
 * Waits until the cluster is as a deploy leaves it: every rollout done, and no podtalk pod still
 * on its way out, so that a Service's endpoints list only the pods that serve.
 */
export async function waitUntilSettled(kube: Kube, { timeoutMs = 240_000 } = {}): Promise<void> {
  for (const workload of WORKLOADS)
    await kube.run(['rollout', 'status', workload, `--timeout=${timeoutMs / 1000}s`], {
      timeoutMs: timeoutMs + 10_000,
    });
  await poll(
    async () => {
      const pods = await kube.json<IPodList>([
        'get',
        'pods',
        '--selector',
        'app.kubernetes.io/part-of=podtalk',
      ]);
      const leaving = pods.items
        .filter((pod) => pod.metadata?.deletionTimestamp)
        .map((pod) => pod.metadata?.name);
      if (leaving.length === 0) return true;
      throw new Error(`${leaving.join(', ')} still terminating`);
    },
    { what: 'no podtalk pod terminating', timeoutMs },
  );
}
