import { describe, expect, it } from 'vitest';
import { differences, type Snapshot } from '../deploy/cluster-snapshot.js';

const deployed: Snapshot = {
  generations: { 'Deployment/api': 1, 'StatefulSet/mysql': 1, 'ReplicaSet/api-6d9': 1 },
  pods: { 'api-6d9-a': 'uid-a', 'mysql-0': 'uid-m' },
};

describe('whether a redeploy changed the cluster', () => {
  it('when every generation and pod is the same, then there is no difference', () => {
    expect(differences(deployed, structuredClone(deployed))).toEqual([]);
  });

  it('when a spec changed and a rollout replaced a pod, then each is named', () => {
    const after: Snapshot = {
      generations: {
        'Deployment/api': 2,
        'StatefulSet/mysql': 1,
        'ReplicaSet/api-6d9': 1,
        'ReplicaSet/api-7f1': 1,
      },
      pods: { 'api-7f1-b': 'uid-b', 'mysql-0': 'uid-m2' },
    };

    expect(differences(deployed, after)).toEqual([
      'Deployment/api generation 1 → 2',
      'ReplicaSet/api-7f1 appeared (generation 1)',
      'Pod/api-6d9-a was replaced',
      'Pod/mysql-0 was recreated',
      'Pod/api-7f1-b is new',
    ]);
  });
});
