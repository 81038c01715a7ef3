import { describe, expect, it } from 'vitest';
import { BASE_URL, countServedBy, kubeForSuite, readyPods } from '../src/index.js';

const kube = kubeForSuite();

describe('4. load balancing', () => {
  it('when requests arrive on fresh connections, then all 3 api pods answer some of them', async () => {
    const names = (await readyPods(kube, 'api')).map((pod) => pod.name).sort();

    // 60 connections: the chance that a pod gets none of them is (2/3)^60, about 3e-11.
    const counts = await countServedBy(`${BASE_URL}/api/whoami`, 60);

    expect(Object.keys(counts).sort()).toEqual(names);
  });
});
