import type { INodeList } from 'kubernetes-models/v1/NodeList';
import { pods, readyPods, waitForReadyEndpoints } from './cluster.js';
import type { Kube } from '@podtalk/cluster-kit';
import { noteChange, type Noted } from './undo.js';

/** The nodes that run workloads: every node but the control plane. */
export async function workerNodes(kube: Kube): Promise<string[]> {
  const nodes = await kube.json<INodeList>(['get', 'nodes']);
  return nodes.items
    .filter((node) => !('node-role.kubernetes.io/control-plane' in (node.metadata?.labels ?? {})))
    .map((node) => node.metadata?.name ?? '')
    .sort();
}

/** The nodes a pod without tolerations may land on: no NoSchedule taint, not cordoned. */
export async function schedulableNodes(kube: Kube): Promise<string[]> {
  const nodes = await kube.json<INodeList>(['get', 'nodes']);
  return nodes.items
    .filter(
      (node) =>
        !node.spec?.unschedulable &&
        !(node.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule'),
    )
    .map((node) => node.metadata?.name ?? '')
    .sort();
}

/** The node mysql-0 runs on: its volume lives there. */
export async function mysqlNode(kube: Kube): Promise<string> {
  const [mysql] = await pods(kube, 'mysql');
  if (!mysql?.node) throw new Error('mysql-0 is not scheduled');
  return mysql.node;
}

/**
 * `kubectl drain`, as an operator runs it before maintenance: cordon the node, then evict
 * its pods as their disruption budgets allow. Resolves once every pod has left, with the undo
 * that ends the maintenance (`kubectl uncordon`: the node takes pods again). A drain that fails
 * is undone at once.
 */
export async function drain(kube: Kube, node: string): Promise<Noted> {
  const drained = noteChange(`${node} drained`, { command: kube.command(['uncordon', node]) });
  try {
    await kube.run(
      ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=240s'],
      { timeoutMs: 250_000 },
    );
  } catch (error) {
    await drained.undo();
    throw error;
  }
  return drained;
}

/**
 * After a drain, a Deployment's pods all sit on the node that stayed: a rollout restart lets
 * the scheduler spread the new ones over both workers again, as a fresh deploy would.
 */
export async function respread(
  kube: Kube,
  app: 'api' | 'db-client',
  replicas: number,
): Promise<void> {
  const nodes = new Set((await readyPods(kube, app)).map((pod) => pod.node));
  if (nodes.size > 1) return;
  await kube.run(['rollout', 'restart', `deployment/${app}`]);
  await kube.run(['rollout', 'status', `deployment/${app}`, '--timeout=240s'], {
    timeoutMs: 250_000,
  });
  await waitForReadyEndpoints(kube, { service: app, count: replicas });
}

/** Both Deployments spread over both workers again, as scenario 1 expects. */
export async function respreadAll(kube: Kube): Promise<void> {
  await respread(kube, 'db-client', 2);
  await respread(kube, 'api', 3);
}
