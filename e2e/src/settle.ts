import { poll, type Kube } from '@podtalk/cluster-kit';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import { respreadAll } from './nodes.js';

/**
 * Leaves the cluster as a deploy leaves it, however the scenarios ended: every rollout done, each
 * Deployment spread over the workers again, and no pod still on its way out, so whatever comes
 * next (the README's walkthrough, say) sees only the pods that serve.
 */
export async function settle(kube: Kube, { respread }: { respread: boolean }): Promise<void> {
  if (respread) await respreadAll(kube);
  for (const workload of ['statefulset/mysql', 'deployment/db-client', 'deployment/api'])
    await kube.run(['rollout', 'status', workload, '--timeout=240s'], { timeoutMs: 250_000 });
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
    { what: 'no podtalk pod terminating', timeoutMs: 120_000 },
  );
}
