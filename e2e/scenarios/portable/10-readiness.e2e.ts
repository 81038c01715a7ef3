import { describe, expect, it } from 'vitest';
import {
  API_URL,
  countServedBy,
  kubeForSuite,
  noteChange,
  portForward,
  readyEndpoints,
  waitForApiRouting,
} from '../../src/index.js';

const kube = kubeForSuite();
const WHOAMI = `${API_URL}/api/whoami`;

const switchReady = (url: string, ready: boolean) =>
  fetch(`${url}/admin/ready`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ready }),
  });

describe('10. readiness takes a pod in and out of its Service', () => {
  it('when one api pod turns unready, then it leaves the endpoints and gets no traffic; switched back, it returns', async () => {
    // A scenario just before may have replaced api pods; start once kube-proxy has caught up.
    const pod = (await waitForApiRouting(kube))[0]!;
    const admin = await portForward(kube, pod, 9090);
    // Only the pod itself can switch it back; from outside, its Deployment replaces it.
    const unready = noteChange(`${pod} switched unready`, {
      command: kube.command(['delete', 'pod', pod, '--wait=false']),
    });
    try {
      expect((await switchReady(admin.url, false)).status).toBe(200);
      await expect
        .poll(() => readyEndpoints(kube, 'api'), { timeout: 30_000, message: 'ready endpoints' })
        .not.toContain(pod);
      // The EndpointSlice changes first; kube-proxy on each node applies it a moment later.
      await expect
        .poll(async () => Object.keys(await countServedBy(WHOAMI, 30)), {
          timeout: 15_000,
          message: 'pods that new connections reach',
        })
        .not.toContain(pod);
      const whileOut = await countServedBy(WHOAMI, 60);

      expect(Object.keys(whileOut)).not.toContain(pod);
      expect(Object.keys(whileOut)).toHaveLength(2);
    } finally {
      await switchReady(admin.url, true);
      unready.forget();
    }
    await expect
      .poll(() => readyEndpoints(kube, 'api'), { timeout: 30_000, message: 'ready endpoints' })
      .toContain(pod);
    await admin.close();
    await expect
      .poll(async () => Object.keys(await countServedBy(WHOAMI, 30)), {
        timeout: 15_000,
        message: 'pods that new connections reach',
      })
      .toContain(pod);
    const afterReturn = await countServedBy(WHOAMI, 60);

    expect(Object.keys(afterReturn)).toContain(pod);
  });
});
