import { describe, expect, it } from 'vitest';
import {
  kubeForSuite,
  pods,
  readyEndpoints,
  readyPods,
  schedulableNodes,
} from '../../src/index.js';

const kube = kubeForSuite();

describe('1. topology', () => {
  it('when deployed, then api has 3 ready pods and its EndpointSlices list exactly those 3', async () => {
    const ready = await readyPods(kube, 'api');

    expect(ready).toHaveLength(3);
    expect(await readyEndpoints(kube, 'api')).toEqual(ready.map((pod) => pod.name).sort());
  });

  it('when deployed, then mysql runs exactly 1 pod and db-client 2 ready pods behind its Service', async () => {
    const dbClients = await readyPods(kube, 'db-client');

    expect(await pods(kube, 'mysql')).toHaveLength(1);
    expect(dbClients).toHaveLength(2);
    expect(await readyEndpoints(kube, 'db-client')).toEqual(
      dbClients.map((pod) => pod.name).sort(),
    );
  });

  // Any cluster: its pods spread over as many nodes as can take them, up to one a pod. On kind's
  // two workers that is both workers.
  it.each(['api', 'db-client'])(
    'when scheduled, then the %s pods are spread over as many nodes as can take them',
    async (app) => {
      const ready = await readyPods(kube, app);
      const nodes = new Set(ready.map((pod) => pod.node));

      expect(nodes.size).toBe(Math.min(ready.length, (await schedulableNodes(kube)).length));
    },
  );
});
