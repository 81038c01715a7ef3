import { describe, expect, it } from 'vitest';
import {
  BASE_URL,
  countServedBy,
  kubeForSuite,
  portForward,
  readyPods,
  waitFor,
  readyEndpoints,
} from '../src/index.js';

const kube = kubeForSuite();
const WHOAMI = `${BASE_URL}/api/whoami`;

const switchReady = (url: string, ready: boolean) =>
  fetch(`${url}/admin/ready`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ready }),
  });

describe('10. readiness takes a pod in and out of its Service', () => {
  it('when one api pod turns unready, then it leaves the endpoints and gets no traffic; switched back, it returns', async () => {
    const [pod] = await readyPods(kube, 'api');
    const admin = await portForward(kube, pod!.name, 9090);
    try {
      expect((await switchReady(admin.url, false)).status).toBe(200);
      await waitFor(async () => !(await readyEndpoints(kube, 'api')).includes(pod!.name), {
        timeoutMs: 30_000,
        description: `${pod!.name} to leave the ready endpoints`,
      });
      // The EndpointSlice changes first; kube-proxy on each node applies it a moment later.
      await waitFor(async () => !(pod!.name in (await countServedBy(WHOAMI, 30))), {
        timeoutMs: 15_000,
        description: `kube-proxy to stop sending ${pod!.name} new connections`,
      });
      const whileOut = await countServedBy(WHOAMI, 60);

      expect(Object.keys(whileOut)).not.toContain(pod!.name);
      expect(Object.keys(whileOut)).toHaveLength(2);
    } finally {
      await switchReady(admin.url, true);
    }
    await waitFor(async () => (await readyEndpoints(kube, 'api')).includes(pod!.name), {
      timeoutMs: 30_000,
      description: `${pod!.name} to return to the ready endpoints`,
    });
    admin.close();
    await waitFor(async () => pod!.name in (await countServedBy(WHOAMI, 30)), {
      timeoutMs: 15_000,
      description: `kube-proxy to send ${pod!.name} new connections again`,
    });
    const afterReturn = await countServedBy(WHOAMI, 60);

    expect(Object.keys(afterReturn)).toContain(pod!.name);
  });
});
