import { describe, expect, it } from 'vitest';
import { drivePaced } from '../bench/load/paced-load.js';
import { targetServer } from './support/target-server.js';

describe('the fixed-rate driver of pnpm bench', () => {
  const target = targetServer();

  it('when driven at 100 req/s for 1 s, then each request arrives at its moment, 10 ms apart, not in one burst', async () => {
    const arrivals: number[] = [];
    const url = await target.serve((req, res) => {
      arrivals.push(performance.now());
      res.end(req.url);
    });
    const calledAt = performance.now();

    const result = await drivePaced({ url, rate: 100, durationSec: 1, connections: 4 });

    expect(result).toMatchObject({ total: 100, errors: 0, non2xx: 0 });
    // How long after its moment (n × 10 ms) the n-th request arrived. None can come early,
    // however loaded the machine (2 ms for timer rounding); a burst would be hundreds of ms
    // early. The median stays close: a driver that fell behind would drift ever later.
    const lateMs = arrivals.map((at, n) => Math.round(at - calledAt - n * 10));
    expect(lateMs.filter((ms) => ms < -2)).toEqual([]);
    expect(lateMs.sort((a, b) => a - b)[50]).toBeLessThan(100);
  });

  it('when the server takes 50 ms to answer, then the median latency includes that wait', async () => {
    const url = await target.serve((_req, res) => {
      setTimeout(() => res.end('slow'), 50);
    });

    const result = await drivePaced({ url, rate: 40, durationSec: 0.5, connections: 2 });

    expect(result.total).toBe(20);
    expect(result.p50).toBeGreaterThanOrEqual(50);
  });

  it('when answers are 5xx, then they count as non-2xx; when nobody listens, then as errors', async () => {
    let n = 0;
    const url = await target.serve((_req, res) => {
      res.statusCode = n++ % 2 === 0 ? 200 : 503;
      res.end();
    });

    const answered = await drivePaced({ url, rate: 100, durationSec: 0.2, connections: 2 });
    await target.close();
    const refused = await drivePaced({ url, rate: 100, durationSec: 0.1, connections: 2 });

    expect(answered).toMatchObject({ total: 20, non2xx: 10, errors: 0 });
    expect(refused).toMatchObject({ total: 0, errors: 10 });
  });

  it('when fresh connections are asked for, then every request opens its own', async () => {
    let connections = 0;
    const url = await target.serve((_req, res) => res.end('ok'));
    target.server()?.on('connection', () => connections++);

    const result = await drivePaced({
      url,
      rate: 100,
      durationSec: 0.2,
      connections: 4,
      freshConnections: true,
    });

    expect(result).toMatchObject({ total: 20, errors: 0, non2xx: 0 });
    expect(connections).toBe(20);
  });
});
