import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { countServedBy } from '../src/http.js';

let server: Server;
afterEach(() => void server.close());

describe('counting which pod answered', () => {
  it('when three "pods" share a port, then every answer is counted by X-Served-By, each on its own connection', async () => {
    let connections = 0;
    let n = 0;
    server = createServer((_req, res) => {
      res.setHeader('X-Served-By', `api-${n++ % 3}`);
      res.end('ok');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    const counts = await countServedBy(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      30,
    );

    expect(counts).toEqual({ 'api-0': 10, 'api-1': 10, 'api-2': 10 });
    expect(connections).toBe(30);
  });

  it('when an answer is not 200, then counting fails loudly instead of skewing the counts', async () => {
    server = createServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    await expect(
      countServedBy(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, 3),
    ).rejects.toThrow(/answered 503/);
  });
});
