import { runOrThrow, type Command } from '@podtalk/cluster-kit';
import { objectsIn } from './apply-report.js';

/** What "nothing changed" means: each object's generation (its spec's version), and which pods run. */
export interface Snapshot {
  generations: Record<string, number>;
  pods: Record<string, string>;
}

interface Listed {
  kind: string;
  metadata: { name: string; uid?: string; generation?: number; deletionTimestamp?: string };
}

// Everything deploy:kind applies, and what its controllers create from it.
const KINDS =
  'deployments,replicasets,statefulsets,services,poddisruptionbudgets,networkpolicies,pods';

/** Reads the namespace as it is now: the generation of every object that has one, and each running pod's uid. */
export async function takeSnapshot(kubectl: Command, namespace: string): Promise<Snapshot> {
  const { stdout } = await runOrThrow([
    ...kubectl,
    '--namespace',
    namespace,
    'get',
    KINDS,
    '--output',
    'json',
  ]);
  const snapshot: Snapshot = { generations: {}, pods: {} };
  for (const object of objectsIn(stdout) as Listed[]) {
    const name = `${object.kind}/${object.metadata.name}`;
    if (object.kind === 'Pod') {
      // A pod already on its way out (an earlier rollout's) is not part of the running state.
      if (object.metadata.deletionTimestamp === undefined)
        snapshot.pods[object.metadata.name] = object.metadata.uid ?? '';
    } else if (object.metadata.generation !== undefined)
      snapshot.generations[name] = object.metadata.generation;
  }
  return snapshot;
}

/** Every difference between two snapshots, one line each; none means nothing changed. */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const lines: string[] = [];
  for (const name of new Set([
    ...Object.keys(before.generations),
    ...Object.keys(after.generations),
  ])) {
    const [was, is] = [before.generations[name], after.generations[name]];
    if (was === undefined) lines.push(`${name} appeared (generation ${is})`);
    else if (is === undefined) lines.push(`${name} disappeared`);
    else if (was !== is) lines.push(`${name} generation ${was} → ${is}`);
  }
  for (const pod of new Set([...Object.keys(before.pods), ...Object.keys(after.pods)])) {
    if (!(pod in after.pods)) lines.push(`Pod/${pod} was replaced`);
    else if (!(pod in before.pods)) lines.push(`Pod/${pod} is new`);
    else if (before.pods[pod] !== after.pods[pod]) lines.push(`Pod/${pod} was recreated`);
  }
  return lines;
}
