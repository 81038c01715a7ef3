import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRepoFile, renderKindOverlay, type K8sObject } from '../src/lib/manifests.js';
import {
  drain,
  schedule,
  type NodeModel,
  type SpreadConstraint,
} from './support/topology-spread.js';

let api: K8sObject;
let budget: K8sObject;
beforeAll(() => {
  const objects = renderKindOverlay();
  api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'api')!;
  budget = objects.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'api')!;
});

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

const spread = (): SpreadConstraint => api.spec.template.spec.topologySpreadConstraints[0];
const replicas = (): number => api.spec.replicas;

describe('the api spread on the kind cluster', () => {
  it('when the api is scheduled on a fresh cluster, then all 3 replicas run, over both workers', () => {
    const { podsOn, pending } = schedule(spread(), kindNodes(), replicas());

    expect(pending).toBe(0);
    expect(
      [...podsOn.entries()]
        .filter(([, n]) => n > 0)
        .map(([node]) => node)
        .sort(),
    ).toEqual(['podtalk-worker', 'podtalk-worker2']);
  });

  it('when the tainted control plane counted as a spread domain, then a replica would stay Pending (why Honor)', () => {
    const ignoringTaints = { ...spread(), nodeTaintsPolicy: 'Ignore' as const };

    expect(schedule(ignoringTaints, kindNodes(), replicas()).pending).toBe(1);
  });

  it.each(['podtalk-worker', 'podtalk-worker2'])(
    'when %s is drained, then the budget lets the drain proceed and every evicted api pod lands on the other worker',
    (drained) => {
      const nodes = kindNodes();
      const placed = schedule(spread(), nodes, replicas()).podsOn;

      const result = drain(spread(), nodes, placed, drained, budget.spec.maxUnavailable as number);

      expect(result.blocked).toBe(false);
      expect(result.pending).toBe(0);
      expect(result.podsOn.get(drained)).toBe(0);
      expect([...result.podsOn.values()].reduce((a, b) => a + b, 0)).toBe(replicas());
    },
  );

  it('when the budget is read, then it selects exactly the api pods and leaves 2 of 3 serving during a drain', () => {
    expect(budget.spec.selector.matchLabels).toEqual(api.spec.selector.matchLabels);
    expect(budget.spec.maxUnavailable).toBe(1);
    expect(replicas() - (budget.spec.maxUnavailable as number)).toBeGreaterThanOrEqual(2);
  });
});
