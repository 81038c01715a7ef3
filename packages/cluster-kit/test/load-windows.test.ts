import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startLoadLoop } from '../src/index.js';
import { targetServer } from './target-server.js';

describe('the closed loop, in windows', () => {
  const target = targetServer();

  it('when a server answers in 20 ms, then exactly `concurrency` requests are in flight at once', async () => {
    let inFlight = 0;
    let most = 0;
    const url = await target.serve((_req, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 20);
    });

    const load = startLoadLoop({ url, concurrency: 4 });
    await sleep(500);
    const result = await load.stop();

    expect(most).toBe(4);
    // 4 in flight, 20 ms each: about 200 a second, however busy the machine, never more.
    expect(result.ok).toBeLessThanOrEqual(4 * (500 / 20) + 4);
  });

  it('when marked after a warm-up, then the window counts only what was answered since, by the pod that answered', async () => {
    let served = 0;
    const url = await target.serve((_req, res) => {
      res.setHeader('X-Served-By', served++ % 2 ? 'api-b' : 'api-a');
      res.setHeader('X-Upstream-Served-By', 'db-client-1');
      res.end('ok');
    });

    const load = startLoadLoop({ url, concurrency: 2 });
    await sleep(200);
    const before = served;
    load.mark();
    await sleep(300);
    const window = load.window();
    await load.stop();

    expect(window.failed).toBe(0);
    expect(window.ok).toBeLessThanOrEqual(served - before);
    expect(window.ok).toBeGreaterThan(0);
    expect(window.servedBy['api-a']! + window.servedBy['api-b']!).toBe(window.ok);
    expect(window.upstreamServedBy).toEqual({ 'db-client-1': window.ok });
    expect(window.seconds).toBeCloseTo(0.3, 1);
    expect(window.requestsPerSec).toBeCloseTo(window.ok / window.seconds, 5);
    expect(load.count()).toBeGreaterThan(window.total);
  });

  it('when the server answers 503 or drops the connection, then each is a failure, not an answer', async () => {
    let n = 0;
    const url = await target.serve((req, res) => {
      if (n++ % 2) req.socket.destroy();
      else res.writeHead(503).end();
    });

    const load = startLoadLoop({ url, concurrency: 2 });
    await sleep(200);
    const result = await load.stop();

    expect(result.ok).toBe(0);
    expect(result.failed).toBe(result.total);
    expect(result.failed).toBeGreaterThan(0);
  });
});
