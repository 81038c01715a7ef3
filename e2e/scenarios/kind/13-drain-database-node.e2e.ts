import { afterAll, describe, expect, it } from 'vitest';
import {
  API_URL,
  drain,
  kubeForSuite,
  mysqlNode,
  postMessage,
  respreadAll,
  startLoadLoop,
} from '../../src/index.js';

// kind only: it relies on MySQL's volume living on one node's disk (kind's local-path
// provisioner), so mysql-0 can come back only there; a cloud's disk follows the pod elsewhere.
const kube = kubeForSuite();
// Measured on the kind sandbox: the api answered again 8 to 12 s after the uncordon (mysql-0
// back on its node, InnoDB recovery, db-client's readiness). Five times that, for slower laptops.
const BACK_WITHIN_MS = 60_000;

afterAll(() => respreadAll(kube));

describe('13. draining the node that holds MySQL', () => {
  it('when it is drained under load and uncordoned, then failures are 503s with Retry-After, service returns in bounded time, and nothing written is lost', async () => {
    const node = await mysqlNode(kube);
    const written: { id: number; text: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const text = `before the drain ${i} ${Date.now()} 🚀`;
      const { status, id } = await postMessage(text);
      expect(status).toBe(201);
      written.push({ id, text });
    }
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      maxDurationMs: 400_000,
    });
    await load.answered(100);

    const drainStarted = Date.now();
    // mysql-0's volume lives on this node (local-path storage), so it can only come back here.
    const drained = await drain(kube, node);
    await drained.undo();
    const uncordoned = Date.now();
    await expect
      .poll(async () => (await postMessage(`after the drain ${Date.now()}`)).status, {
        timeout: 240_000,
        interval: 500,
        message: 'a write through the NodePort after the drain',
      })
      .toBe(201);
    const back = Date.now();
    await load.answered(load.count() + 100);
    const result = await load.stop();
    console.info(
      `[e2e] drained ${node}: ${result.total} requests, ${result.failed} failed (${JSON.stringify(result.statuses)}), ` +
        `drain took ${Math.round((uncordoned - drainStarted) / 1000)} s, back ${Math.round((back - uncordoned) / 1000)} s after the uncordon, slowest answer ${Math.round(result.slowestMs)} ms`,
    );

    const failedStatuses = Object.keys(result.statuses).filter((status) => Number(status) >= 300);
    expect(failedStatuses.every((status) => status === '503')).toBe(true);
    // Every kind of failure by name: a network error here would be a request the drain lost.
    expect(result.errors.filter((error) => !error.startsWith('HTTP 503'))).toEqual([]);
    expect(result.failed).toBe(result.statuses[503] ?? 0);
    expect(result.failedWithoutRetryAfter).toBe(0);
    expect(result.slowestMs).toBeLessThan(5_000);
    expect(back - uncordoned).toBeLessThan(BACK_WITHIN_MS);
    for (const { id, text } of written) {
      const res = await fetch(`${API_URL}/api/messages/${id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toBe(text);
    }
  });
});
