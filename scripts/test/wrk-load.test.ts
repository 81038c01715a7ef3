import { describe, expect, it } from 'vitest';
import { pickLoadGenerator } from '../bench/load/load.js';
import { driveWithWrk } from '../bench/load/wrk-load.js';
import { targetServer } from './support/target-server.js';

// .ci/run installs wrk, so these run against the real tool.
describe('the wrk driver of pnpm bench', () => {
  const target = targetServer();

  it('when wrk is installed, then the bench picks it over autocannon', () => {
    expect(pickLoadGenerator().name).toBe('wrk');
  });

  it('when driving a GET for 1 s, then every answer the server sent is counted, with its latency', async () => {
    let served = 0;
    const url = await target.serve((req, res) => {
      served++;
      setTimeout(() => res.end(req.url), 5);
    });

    const result = await driveWithWrk({ url, connections: 4, durationSec: 1 });

    // wrk stops at the deadline; requests in flight then were served but not counted.
    expect(result.total).toBeGreaterThan(100);
    expect(served - result.total).toBeLessThanOrEqual(4);
    // The rate is per second of wrk's own run, which lasts a little over the 1 s asked for.
    expect(result.requestsPerSec).toBeLessThanOrEqual(result.total);
    expect(result.requestsPerSec).toBeGreaterThan(result.total / 1.5);
    expect(result).toMatchObject({ errors: 0, non2xx: 0 });
    expect(result.p50).toBeGreaterThanOrEqual(5);
  });

  it('when driving a POST, then each request carries the JSON body and its content type', async () => {
    const seen = new Set<string>();
    const url = await target.serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.add(`${req.method} ${req.headers['content-type']} ${body}`);
        res.statusCode = 201;
        res.end();
      });
    });

    const result = await driveWithWrk({
      url,
      method: 'POST',
      body: { author: 'bench', text: 'hello ✓' },
      connections: 2,
      durationSec: 1,
    });

    expect(result).toMatchObject({ errors: 0, non2xx: 0 });
    expect([...seen]).toEqual(['POST application/json {"author":"bench","text":"hello ✓"}']);
  });

  it('when answers are 5xx, then they count as non-2xx', async () => {
    let n = 0;
    const url = await target.serve((_req, res) => {
      res.statusCode = n++ % 2 === 0 ? 200 : 503;
      res.end();
    });

    const result = await driveWithWrk({ url, connections: 1, durationSec: 1 });

    expect(result.non2xx).toBeGreaterThan(0);
    expect(Math.abs(result.total - 2 * result.non2xx)).toBeLessThanOrEqual(1);
    expect(result.errors).toBe(0);
  });

  it('when nobody listens, then the run fails and names the address', async () => {
    const url = await target.serve((_req, res) => res.end());
    await target.close();

    await expect(driveWithWrk({ url, connections: 2, durationSec: 1 })).rejects.toThrow(
      /wrk failed on http:\/\/127\.0\.0\.1:\d+\/ping\?x=1: unable to connect .*Connection refused/,
    );
  });

  it('when the server drops connections mid-run, then the lost requests count as errors', async () => {
    let n = 0;
    const url = await target.serve((req, res) => {
      if (n++ % 10 === 9) req.socket.destroy();
      else res.end();
    });

    const result = await driveWithWrk({ url, connections: 2, durationSec: 1 });

    expect(result.total).toBeGreaterThan(0);
    expect(result.errors).toBeGreaterThan(0);
  });
});
