import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../kube/manifests.js';
import { find, podSpecOf } from './support/rendered.js';
import {
  drain,
  schedule,
  type NodeModel,
  type SpreadConstraint,
} from './support/topology-spread.js';

/** The kind cluster's nodes as kubeadm taints them: only the control plane refuses our pods. */
function kindNodes(): NodeModel[] {
  const cluster = parse(readRepoFile('k8s/kind/cluster.yaml')) as { nodes: { role: string }[] };
  let workers = 0;
  return cluster.nodes.map(({ role }) =>
    role === 'control-plane'
      ? {
          name: 'podtalk-control-plane',
          taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        }
      : { name: `podtalk-worker${++workers > 1 ? workers : ''}`, taints: [] },
  );
}

const WORKERS = ['podtalk-worker', 'podtalk-worker2'];

describe.each(['api', 'db-client'])('the %s spread on the kind cluster', (name) => {
  const deployment = () => find('Deployment', name);
  const spread = (): SpreadConstraint => {
    const [constraint] = podSpecOf(deployment()).topologySpreadConstraints ?? [];
    if (!constraint) throw new Error(`${name} has no topology spread`);
    return constraint;
  };
  const replicas = (): number => deployment().spec?.replicas ?? 1;
  const budget = () => Number(find('PodDisruptionBudget', name).spec?.maxUnavailable);

  it('when scheduled on a fresh cluster, then every replica runs, over both workers', () => {
    const { podsOn, pending } = schedule(spread(), kindNodes(), replicas());

    expect(pending).toBe(0);
    expect(
      [...podsOn.entries()]
        .filter(([, n]) => n > 0)
        .map(([node]) => node)
        .sort(),
    ).toEqual(WORKERS);
  });

  it('when the tainted control plane counted as a spread domain, then a replica would stay Pending (why Honor)', () => {
    const ignoringTaints = { ...spread(), nodeTaintsPolicy: 'Ignore' as const };

    expect(schedule(ignoringTaints, kindNodes(), replicas() + 1).pending).toBeGreaterThan(0);
  });

  it.each(WORKERS)(
    'when %s is drained, then the budget lets the drain proceed and every evicted pod lands on the other worker',
    (drained) => {
      const nodes = kindNodes();
      const placed = schedule(spread(), nodes, replicas()).podsOn;

      const result = drain(spread(), nodes, placed, drained, budget());

      expect(result.blocked).toBe(false);
      expect(result.pending).toBe(0);
      expect(result.podsOn.get(drained)).toBe(0);
      expect([...result.podsOn.values()].reduce((a, b) => a + b, 0)).toBe(replicas());
    },
  );

  it('when the budget is read, then it selects exactly these pods and keeps at least one serving', () => {
    expect(find('PodDisruptionBudget', name).spec?.selector?.matchLabels).toEqual(
      deployment().spec?.selector.matchLabels,
    );
    expect(budget()).toBe(1);
    expect(replicas() - budget()).toBeGreaterThanOrEqual(1);
  });
});
