import { describe, expect, it } from 'vitest';
import { startLoadLoop } from '../src/index.js';
import { targetServer } from './target-server.js';

describe('the open loop, at a fixed rate', () => {
  const target = targetServer();

  it('when paced at 100 req/s, then each request arrives at its moment, 10 ms apart, not in one burst', async () => {
    const arrivals: number[] = [];
    const url = await target.serve((req, res) => {
      arrivals.push(performance.now());
      res.end(req.url);
    });
    const calledAt = performance.now();

    const result = await startLoadLoop({ url, rate: 100, maxRequests: 100, concurrency: 4 })
      .finished;

    expect(result).toMatchObject({ total: 100, ok: 100, failed: 0 });
    // How long after its moment (n × 10 ms) the n-th request arrived. None can come early,
    // however loaded the machine (2 ms for timer rounding); a burst would be hundreds of ms
    // early. The median stays close: a loop that fell behind would drift ever later.
    const lateMs = arrivals.map((at, n) => Math.round(at - calledAt - n * 10));
    expect(lateMs.filter((ms) => ms < -2)).toEqual([]);
    expect(lateMs.sort((a, b) => a - b)[50]).toBeLessThan(100);
  });

  it('when the server takes 50 ms to answer, then the median latency includes that wait', async () => {
    const url = await target.serve((_req, res) => {
      setTimeout(() => res.end('slow'), 50);
    });

    const result = await startLoadLoop({ url, rate: 40, maxRequests: 20, concurrency: 2 }).finished;

    expect(result.total).toBe(20);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(50);
  });

  it('when fresh connections are asked for, then every request opens its own', async () => {
    let connections = 0;
    const url = await target.serve((_req, res) => res.end('ok'));
    target.server()?.on('connection', () => connections++);

    const result = await startLoadLoop({
      url,
      rate: 100,
      maxRequests: 20,
      concurrency: 4,
      freshConnections: true,
    }).finished;

    expect(result).toMatchObject({ total: 20, ok: 20, failed: 0 });
    expect(connections).toBe(20);
  });
});
