import { describe, expect, it } from 'vitest';
import { kubeForSuite, pods, readyEndpoints, readyPods } from '../src/index.js';

const kube = kubeForSuite();

describe('1. topology', () => {
  it('when deployed, then api has 3 ready pods and its EndpointSlices list exactly those 3', async () => {
    const ready = await readyPods(kube, 'api');

    expect(ready).toHaveLength(3);
    expect(await readyEndpoints(kube, 'api')).toEqual(ready.map((pod) => pod.name).sort());
  });

  it('when deployed, then mysql runs exactly 1 pod and db-client is ready', async () => {
    expect(await pods(kube, 'mysql')).toHaveLength(1);
    expect((await readyPods(kube, 'db-client')).length).toBeGreaterThanOrEqual(1);
    expect((await readyEndpoints(kube, 'db-client')).length).toBeGreaterThanOrEqual(1);
  });

  it('when scheduled, then the api pods are spread over more than one node', async () => {
    const nodes = new Set((await readyPods(kube, 'api')).map((pod) => pod.node));

    expect(nodes.size).toBeGreaterThan(1);
  });
});
