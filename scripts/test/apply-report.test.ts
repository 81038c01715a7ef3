import { describe, expect, it } from 'vitest';
import { applyReport, objectsIn } from '../deploy/apply-report.js';

const object = (kind: string, name: string, resourceVersion: string) => ({
  kind,
  metadata: { name, namespace: 'podtalk', resourceVersion },
});

describe('what an apply did, from resource versions', () => {
  it('when an object is new, kept or rewritten, then it is reported created, unchanged or changed', () => {
    const before = [object('Deployment', 'api', '10'), object('Service', 'api', '11')];
    const after = [
      object('Deployment', 'api', '10'),
      object('Service', 'api', '42'),
      object('PodDisruptionBudget', 'api', '43'),
    ];

    expect(applyReport(before, after)).toEqual([
      { object: 'Deployment/api', change: 'unchanged' },
      { object: 'Service/api', change: 'changed' },
      { object: 'PodDisruptionBudget/api', change: 'created' },
    ]);
  });

  it('when kubectl prints a List, one object or nothing, then each reads as a list of objects', () => {
    const one = object('Namespace', 'podtalk', '1');

    expect(objectsIn(JSON.stringify({ kind: 'List', items: [one] }))).toEqual([one]);
    expect(objectsIn(JSON.stringify(one))).toEqual([one]);
    expect(objectsIn('\n')).toEqual([]);
  });
});
