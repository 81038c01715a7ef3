import { waitUntilSettled, type Kube } from '@podtalk/cluster-kit';
import { respreadAll } from './nodes.js';

/**
 * Leaves the cluster as a deploy leaves it, however the scenarios ended: each Deployment spread
 * over the workers again (on kind), every rollout done, and no pod still on its way out, so
 * whatever comes next (the README's walkthrough, say) sees only the pods that serve.
 */
export async function settle(kube: Kube, { respread }: { respread: boolean }): Promise<void> {
  if (respread) await respreadAll(kube);
  await waitUntilSettled(kube);
}
