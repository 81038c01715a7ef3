import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectResponse } from '../src/data-access/collect-response.js';

// A real HTTP server whose answers the tests shape: chunked, repeated headers, cut mid-body.
let server: Server;
let pool: Pool;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/chunks') {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.write('{"items":[');
      setTimeout(() => res.end('1,2,3]}'), 20);
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('only part of it');
      setTimeout(() => res.socket?.destroy(), 20);
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('collectResponse', () => {
  it('when the body arrives in several chunks, then it resolves with the whole body and the status', async () => {
    const res = await collectResponse(pool, { path: '/chunks', method: 'GET' });

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ items: [1, 2, 3] });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('when a header repeats, then it is left out instead of being merged', async () => {
    const res = await collectResponse(pool, { path: '/chunks', method: 'GET' });

    expect(res.headers).not.toHaveProperty('set-cookie');
  });

  it('when the answer has no body, then the body is empty', async () => {
    const res = await collectResponse(pool, { path: '/empty', method: 'DELETE' });

    expect(res.status).toBe(204);
    expect(res.body).toHaveLength(0);
  });

  it('when the connection drops mid-body, then it rejects with the socket error', async () => {
    await expect(collectResponse(pool, { path: '/cut', method: 'GET' })).rejects.toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
  });
});
