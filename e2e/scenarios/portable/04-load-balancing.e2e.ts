import { describe, expect, it } from 'vitest';
import { API_URL, countServedBy, kubeForSuite, waitForApiRouting } from '../../src/index.js';

const kube = kubeForSuite();

describe('4. load balancing', () => {
  it('when requests arrive on fresh connections, then all 3 api pods answer some of them', async () => {
    // A scenario just before may have replaced api pods; measure once kube-proxy has caught up.
    const names = await waitForApiRouting(kube);

    // 60 connections: the chance that a pod gets none of them is (2/3)^60, about 3e-11.
    const counts = await countServedBy(`${API_URL}/api/whoami`, 60);

    expect(Object.keys(counts).sort()).toEqual(names);
  });
});
