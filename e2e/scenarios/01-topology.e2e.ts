import { describe, expect, it } from 'vitest';
import { kubeForSuite, pods, readyEndpoints, readyPods } from '../src/index.js';

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

  it.each(['api', 'db-client'])(
    'when scheduled, then the %s pods are spread over both workers',
    async (app) => {
      const nodes = new Set((await readyPods(kube, app)).map((pod) => pod.node));

      expect(nodes.size).toBe(2);
    },
  );
});
