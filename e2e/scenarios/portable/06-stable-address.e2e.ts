import { describe, expect, it, vi } from 'vitest';
import {
  API_URL,
  clusterIP,
  kubeForSuite,
  pods,
  postMessage,
  readyPods,
  waitForReadyEndpoints,
} from '../../src/index.js';

const kube = kubeForSuite();

describe('6. a stable address over mortal pods', () => {
  it('when the mysql pod is deleted, then its replacement has a new IP, the Service IP stays, data survives, and writes resume without restarting db-client', async () => {
    const serviceIP = await clusterIP(kube, 'mysql');
    const [before] = await pods(kube, 'mysql');
    const dbClientsBefore = await readyPods(kube, 'db-client');
    const kept = await postMessage(`survives the pod ${Date.now()}`);

    await kube.run(['delete', 'pod', before!.name, '--wait=false']);
    const after = await vi.waitFor(
      async () => {
        const replacement = (await pods(kube, 'mysql')).find((pod) => pod.uid !== before!.uid);
        expect(replacement?.ready, 'a ready replacement mysql pod').toBe(true);
        return replacement!;
      },
      { timeout: 240_000, interval: 2_000 },
    );
    const resumed = await vi.waitFor(
      async () => {
        const write = await postMessage(`after the restart ${Date.now()}`);
        expect(write.status, 'a write after the restart').toBe(201);
        return write;
      },
      { timeout: 120_000, interval: 2_000 },
    );

    expect(after.name).toBe(before!.name);
    expect(after.ip).not.toBe(before!.ip);
    expect(await clusterIP(kube, 'mysql')).toBe(serviceIP);
    expect(resumed.status).toBe(201);
    expect((await fetch(`${API_URL}/api/messages/${kept.id}`)).status).toBe(200);
    // Readiness took the db-client pods out of their Service while MySQL was away. The first
    // write can go through one that is back before the other's next probe succeeds.
    await waitForReadyEndpoints(kube, { service: 'db-client', count: dbClientsBefore.length });
    const dbClientsAfter = await readyPods(kube, 'db-client');
    expect(dbClientsAfter.map((pod) => [pod.name, pod.restarts])).toEqual(
      dbClientsBefore.map((pod) => [pod.name, pod.restarts]),
    );
  });
});
