/**
 * A model of the scheduler's PodTopologySpread filter for `kubernetes.io/hostname`, as the
 * Kubernetes docs describe it, so the manifests' spread can be checked against the kind
 * cluster's nodes without a cluster.
 */
export interface Taint {
  key: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeModel {
  name: string;
  taints: Taint[];
}

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

// What cordoning a node (kubectl drain's first step) adds to it.
export const UNSCHEDULABLE: Taint = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
};

/** Taints the pod does not tolerate keep it off a node (our pods tolerate none of these). */
const schedulable = (node: NodeModel) =>
  !node.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');

/** Where the scheduler may put one more pod, given how many matching pods each node holds. */
export function feasibleNodes(
  constraint: SpreadConstraint,
  nodes: NodeModel[],
  podsOn: Map<string, number>,
): NodeModel[] {
  if (constraint.topologyKey !== 'kubernetes.io/hostname')
    throw new Error(`the model knows only kubernetes.io/hostname, not ${constraint.topologyKey}`);
  // The default policy, Ignore, counts every node as a domain, tainted or not.
  const domains = constraint.nodeTaintsPolicy === 'Honor' ? nodes.filter(schedulable) : [...nodes];
  const minimum = Math.min(...domains.map((node) => podsOn.get(node.name) ?? 0));
  return nodes.filter(
    (node) =>
      schedulable(node) &&
      (constraint.whenUnsatisfiable === 'ScheduleAnyway' ||
        (podsOn.get(node.name) ?? 0) + 1 - minimum <= constraint.maxSkew),
  );
}

/**
 * Schedules `replicas` pods one at a time, each onto the feasible node holding the fewest.
 * Returns pods per node, or the number of pods left Pending.
 */
export function schedule(
  constraint: SpreadConstraint,
  nodes: NodeModel[],
  replicas: number,
  podsOn = new Map<string, number>(),
): { podsOn: Map<string, number>; pending: number } {
  const placed = new Map(podsOn);
  for (let i = 0; i < replicas; i++) {
    const [target] = feasibleNodes(constraint, nodes, placed).sort(
      (a, b) => (placed.get(a.name) ?? 0) - (placed.get(b.name) ?? 0),
    );
    if (!target) return { podsOn: placed, pending: replicas - i };
    placed.set(target.name, (placed.get(target.name) ?? 0) + 1);
  }
  return { podsOn: placed, pending: 0 };
}

/**
 * `kubectl drain`: cordon the node, then evict its pods, at most `maxUnavailable` at a time as
 * the PodDisruptionBudget allows, each replaced by the ReplicaSet before the next eviction.
 */
export function drain(
  constraint: SpreadConstraint,
  nodes: NodeModel[],
  podsOn: Map<string, number>,
  nodeName: string,
  maxUnavailable: number,
): { podsOn: Map<string, number>; pending: number; blocked: boolean } {
  if (maxUnavailable < 1) return { podsOn, pending: 0, blocked: true };
  const cordoned = nodes.map((node) =>
    node.name === nodeName ? { ...node, taints: [...node.taints, UNSCHEDULABLE] } : node,
  );
  let current = new Map(podsOn);
  while ((current.get(nodeName) ?? 0) > 0) {
    const evicted = Math.min(maxUnavailable, current.get(nodeName) ?? 0);
    current.set(nodeName, (current.get(nodeName) ?? 0) - evicted);
    const next = schedule(constraint, cordoned, evicted, current);
    if (next.pending > 0) return { podsOn: next.podsOn, pending: next.pending, blocked: false };
    current = next.podsOn;
  }
  return { podsOn: current, pending: 0, blocked: false };
}
