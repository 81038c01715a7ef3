import { afterAll, describe, expect, it } from 'vitest';
import {
  API_URL,
  clientNodes,
  drain,
  kubeForSuite,
  mysqlNode,
  readyPods,
  respreadAll,
  startLoadLoop,
  waitForReadyEndpoints,
  workerNodes,
} from '../../src/index.js';

// Disruptive: it drains a worker node. On podtalk's kind cluster it always runs; elsewhere only
// with --disruptive.
const kube = kubeForSuite();

afterAll(() => respreadAll(kube));

describe('12. draining a worker that runs api pods', () => {
  it('when the worker is drained under load, then no request fails and its api pods move to the other workers', async () => {
    // A worker with api pods, without MySQL (draining MySQL's own node is scenario 13), and
    // without the suite's way in, the api-client pod.
    const spared = [await mysqlNode(kube), ...(await clientNodes(kube))];
    const before = await readyPods(kube, 'api');
    const target = (await workerNodes(kube)).find(
      (node) => !spared.includes(node) && before.some((pod) => pod.node === node),
    );
    if (!target) throw new Error('no worker runs api pods without MySQL or the api-client pod');
    const evicted = before.filter((pod) => pod.node === target).map((pod) => pod.name);
    expect(evicted.length).toBeGreaterThan(0);
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      maxDurationMs: 300_000,
    });
    await load.answered(100);

    const drained = await drain(kube, target);
    try {
      await waitForReadyEndpoints(kube, { service: 'api', count: 3 });
      await load.answered(load.count() + 100);
    } finally {
      await drained.undo();
    }
    const result = await load.stop();
    const after = await readyPods(kube, 'api');
    console.info(
      `[e2e] drained ${target}: ${result.total} requests, ${result.failed} failed, slowest answer ${Math.round(result.slowestMs)} ms`,
    );

    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
    expect(after.filter((pod) => evicted.includes(pod.name))).toEqual([]);
    expect(after).toHaveLength(3);
    expect(after.filter((pod) => pod.node === target)).toEqual([]);
  });
});
