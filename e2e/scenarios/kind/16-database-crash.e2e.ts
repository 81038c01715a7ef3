import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  API_URL,
  killMainProcess,
  kubeForSuite,
  restartedAt,
  startKeyedWrites,
  storedMessages,
  waitForReadyEndpoints,
} from '../../src/index.js';

// kind only: it kills mysqld from inside its node with `docker exec`, as kind's nodes are
// Docker containers on this machine.
const kube = kubeForSuite();
// Readiness took db-client out of its Service while MySQL was down: the next scenario expects
// both pods back in it.
afterAll(() => waitForReadyEndpoints(kube, { service: 'db-client', count: 2 }));
// The api's deadline for db-client (UPSTREAM_TIMEOUT_MS), and room for its own work.
const API_DEADLINE_MS = 2_000;
const ANSWER_WITHIN_MS = API_DEADLINE_MS + 500;
// From mysqld running again to a write acknowledged: InnoDB's crash recovery, MySQL's readiness,
// db-client's pool reconnecting. Measured on the kind sandbox (docs/faults.md); room for laptops.
// The wait before the restart is the kubelet's back-off, not ours: 0 s for a first crash.
const WRITES_BACK_WITHIN_MS = 30_000;

describe('16. MySQL killed mid-write', () => {
  it('when mysqld is SIGKILLed under a stream of keyed writes, then every acknowledged write is stored exactly once, the outage answers only 503 with Retry-After in time, and writes resume', async () => {
    const run = `e2e-crash-${Date.now()}`;
    const writes = startKeyedWrites({ baseUrl: API_URL, run });
    await expect
      .poll(() => writes.acknowledged(), {
        timeout: 60_000,
        message: 'writes acknowledged before the crash',
      })
      .toBeGreaterThanOrEqual(40);

    const restarts = await killMainProcess(kube, 'mysql-0');
    const killedAt = Date.now();
    const runningAgainAt = await restartedAt(kube, 'mysql-0', restarts);
    const backAt = await vi.waitFor(
      () => {
        const back = writes.answers.find((a) => a.at > runningAgainAt && a.status === 201);
        expect(back, 'a write acknowledged after mysqld runs again').toBeDefined();
        return back!.at;
      },
      { timeout: 120_000, interval: 200 },
    );
    const ackedBeforeStop = writes.acknowledged();
    await expect
      .poll(() => writes.acknowledged(), {
        timeout: 60_000,
        message: 'writes acknowledged after the crash',
      })
      .toBeGreaterThanOrEqual(ackedBeforeStop + 40);
    const { writes: sent, answers } = await writes.stop();

    const ids = sent.map((w) => w.id);
    const stored = await storedMessages(run, Math.min(...ids.filter((id) => id !== undefined)));
    const statuses: Record<number, number> = {};
    for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
    const failures = answers.filter((a) => a.status !== 201);
    console.info(
      `[e2e] mysqld killed: ${sent.length} writes, ${answers.length} answers ` +
        `(${JSON.stringify(statuses)}), ` +
        `mysqld restarted ${Math.round((runningAgainAt - killedAt) / 1000)} s after the kill, ` +
        `writes back ${((backAt - runningAgainAt) / 1000).toFixed(1)} s after that, ` +
        `slowest answer ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`,
    );

    // Every write was acknowledged in the end, and is stored once, under its acknowledged id.
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(stored.map((m) => m.id).sort((a, b) => a - b)).toEqual(
      ids.map(Number).sort((a, b) => a - b),
    );
    expect(new Set(stored.map((m) => m.text)).size).toBe(stored.length);
    // The outage cost 503s that said when to retry, each in time: no 500, no hang.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((a) => a.status !== 503 || a.retryAfter === undefined)).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(ANSWER_WITHIN_MS);
    expect(backAt - runningAgainAt).toBeLessThan(WRITES_BACK_WITHIN_MS);
  });
});
