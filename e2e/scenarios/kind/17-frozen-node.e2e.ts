import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  API_URL,
  freezeNode,
  kubeForSuite,
  mysqlNode,
  type Noted,
  pods,
  postMessage,
  readyEndpoints,
  respreadAll,
  startLoadLoop,
  waitForReadyEndpoints,
  workerNodes,
} from '../../src/index.js';

// kind only: it freezes a whole node with `docker pause`, as kind's nodes are Docker containers
// on this machine.
const kube = kubeForSuite();
// The client's own deadline: a request to a frozen pod waits this long, never longer.
const CLIENT_DEADLINE_MS = 3_000;
// From the freeze until its pods leave the endpoints: the node controller's grace period
// (node-monitor-grace-period, 50 s in Kubernetes 1.33), then the endpoint update. Measured on
// the kind sandbox in docs/faults.md; room for a slower laptop.
const PODS_LEAVE_WITHIN_MS = 90_000;
// After that, only a request already waiting on a frozen pod may still fail.
const SETTLE_MS = CLIENT_DEADLINE_MS + 2_000;
let frozen: Noted | undefined;

// Even when an assertion fails, the node runs again and the pods are spread as before.
afterAll(async () => {
  await frozen?.undo();
  await respreadAll(kube);
});

/** The pods the api and db-client Services route to now. */
const routed = async () => [
  ...(await readyEndpoints(kube, 'api')),
  ...(await readyEndpoints(kube, 'db-client')),
];

describe('17. a worker node freezes', () => {
  it('when the worker without MySQL freezes under load, then requests fail only until its pods leave the endpoints, none past the client’s deadline, and all is back with no data lost once it thaws', async () => {
    const database = await mysqlNode(kube);
    const node = (await workerNodes(kube)).find((name) => name !== database)!;
    const onNode = [...(await pods(kube, 'api')), ...(await pods(kube, 'db-client'))]
      .filter((pod) => pod.node === node)
      .map((pod) => pod.name);
    const written = await postMessage(`before the freeze ${Date.now()} 🧊`);
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      freshConnections: true,
      requestTimeoutMs: CLIENT_DEADLINE_MS,
      maxDurationMs: 400_000,
    });
    await load.answered(100);

    const frozenAt = Date.now();
    frozen = await freezeNode(node);
    await expect
      .poll(async () => (await routed()).filter((name) => onNode.includes(name)), {
        timeout: 180_000,
        interval: 1_000,
        message: `pods on ${node} still in the endpoints`,
      })
      .toEqual([]);
    const leftAt = Date.now();
    // Still frozen, and nothing fails any more.
    await sleep(15_000);
    await frozen.undo();
    const thawedAt = Date.now();
    await waitForReadyEndpoints(kube, { service: 'api', count: 3 });
    await waitForReadyEndpoints(kube, { service: 'db-client', count: 2 });
    const backAt = Date.now();
    await load.answered(load.count() + 100);
    const result = await load.stop();

    const answeredFailures = Object.entries(result.statuses)
      .filter(([status]) => Number(status) >= 300)
      .reduce((sum, [, count]) => sum + count, 0);
    const lastFailureAt = Math.max(frozenAt, ...result.failureTimes);
    const seconds = (ms: number) => Math.round(ms / 1000);
    console.info(
      `[e2e] froze ${node} (${onNode.join(', ')}): ${result.total} requests, ${result.failed} failed ` +
        `(${result.failed - answeredFailures} without an answer in ${CLIENT_DEADLINE_MS} ms; ` +
        `statuses ${JSON.stringify(result.statuses)}); its pods left the endpoints ` +
        `${seconds(leftAt - frozenAt)} s after the freeze, the last failure came ` +
        `${seconds(lastFailureAt - frozenAt)} s after it; all back ${seconds(backAt - thawedAt)} s ` +
        `after the thaw; slowest answer ${Math.round(result.slowestMs)} ms`,
    );

    expect(written.status).toBe(201);
    expect(leftAt - frozenAt).toBeLessThan(PODS_LEAVE_WITHIN_MS);
    expect(result.failureTimes.filter((at) => at > leftAt + SETTLE_MS)).toEqual([]);
    expect(result.slowestMs).toBeLessThan(CLIENT_DEADLINE_MS + 500);
    const read = await fetch(`${API_URL}/api/messages/${written.id}`);
    expect(read.status).toBe(200);
  });
});
