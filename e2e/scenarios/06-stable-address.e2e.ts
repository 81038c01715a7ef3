import { describe, expect, it } from 'vitest';
import {
  BASE_URL,
  clusterIP,
  kubeForSuite,
  pods,
  postMessage,
  readyPods,
  waitFor,
} from '../src/index.js';

const kube = kubeForSuite();

describe('6. a stable address over mortal pods', () => {
  it('when the mysql pod is deleted, then its replacement has a new IP, the Service IP stays, data survives, and writes resume without restarting db-client', async () => {
    const serviceIP = await clusterIP(kube, 'mysql');
    const [before] = await pods(kube, 'mysql');
    const dbClientsBefore = await readyPods(kube, 'db-client');
    const kept = await postMessage(`survives the pod ${Date.now()}`);

    await kube.run(['delete', 'pod', before!.name, '--wait=false']);
    const after = await waitFor(
      async () => (await pods(kube, 'mysql')).find((pod) => pod.uid !== before!.uid && pod.ready),
      { timeoutMs: 240_000, intervalMs: 2_000, description: 'a ready replacement mysql pod' },
    );
    const resumed = await waitFor(
      async () => {
        const write = await postMessage(`after the restart ${Date.now()}`);
        return write.status === 201 ? write : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 2_000, description: 'writes to succeed again' },
    );

    expect(after.name).toBe(before!.name);
    expect(after.ip).not.toBe(before!.ip);
    expect(await clusterIP(kube, 'mysql')).toBe(serviceIP);
    expect(resumed.status).toBe(201);
    expect((await fetch(`${BASE_URL}/api/messages/${kept.id}`)).status).toBe(200);
    const dbClientsAfter = await readyPods(kube, 'db-client');
    expect(dbClientsAfter.map((pod) => [pod.name, pod.restarts])).toEqual(
      dbClientsBefore.map((pod) => [pod.name, pod.restarts]),
    );
  });
});
