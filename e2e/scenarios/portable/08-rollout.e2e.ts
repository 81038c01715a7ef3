import { describe, expect, it } from 'vitest';
import {
  API_URL,
  kubeForSuite,
  readyPods,
  startLoadLoop,
  waitForReadyEndpoints,
} from '../../src/index.js';

const kube = kubeForSuite();

describe('8. zero-downtime rollout', () => {
  it('when the api Deployment restarts under load, then no request fails and every pod is new', async () => {
    const before = (await readyPods(kube, 'api')).map((pod) => pod.name);
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      maxDurationMs: 280_000,
    });
    await load.answered(100);

    await kube.run(['rollout', 'restart', 'deployment/api']);
    await kube.run(['rollout', 'status', 'deployment/api', '--timeout=240s'], {
      timeoutMs: 250_000,
    });
    const after = await waitForReadyEndpoints(kube, { service: 'api', count: 3 });
    await load.answered(load.count() + 100);
    const result = await load.stop();

    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
    expect(after.filter((name) => before.includes(name))).toEqual([]);
  });
});
