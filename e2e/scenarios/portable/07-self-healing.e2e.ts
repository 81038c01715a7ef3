import { describe, expect, it } from 'vitest';
import {
  API_URL,
  kubeForSuite,
  readyPods,
  startLoadLoop,
  waitForReadyEndpoints,
} from '../../src/index.js';

const kube = kubeForSuite();

describe('7. self-healing under traffic', () => {
  it('when an api pod is deleted during a load loop, then no request fails and the ReplicaSet restores 3 ready pods', async () => {
    const [victim] = await readyPods(kube, 'api');
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      maxDurationMs: 240_000,
    });
    await load.answered(100);

    await kube.run(['delete', 'pod', victim!.name, '--wait=false']);
    await expect
      .poll(async () => (await readyPods(kube, 'api')).map((pod) => pod.name), {
        timeout: 60_000,
        message: 'ready api pods after the delete',
      })
      .not.toContain(victim!.name);
    const endpoints = await waitForReadyEndpoints(kube, { service: 'api', count: 3 });
    await load.answered(load.count() + 100);
    const result = await load.stop();

    expect(endpoints).not.toContain(victim!.name);
    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
  });
});
