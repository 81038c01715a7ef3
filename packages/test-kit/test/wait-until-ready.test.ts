import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntilReady } from '../src/index.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A service whose /readyz answers 503 until it has been asked `unreadyAnswers` times. */
async function startService(unreadyAnswers: number) {
  let asked = 0;
  const started = createServer((req, res) => {
    if (req.url === '/readyz') asked++;
    res.statusCode = asked > unreadyAnswers ? 200 : 503;
    res.end();
  });
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  server = started;
  return {
    url: `http://127.0.0.1:${(started.address() as AddressInfo).port}`,
    asked: () => asked,
  };
}

describe('waitUntilReady', () => {
  it('when /readyz turns 200 after a few 503s, then it resolves once it has', async () => {
    const service = await startService(3);

    await waitUntilReady(service.url, 5_000);

    expect(service.asked()).toBe(4);
  });

  it('when /readyz never answers 200, then it fails naming the URL and the time it waited', async () => {
    const service = await startService(Infinity);

    await expect(waitUntilReady(service.url, 300)).rejects.toThrow(
      `${service.url}/readyz did not answer 200 within 300 ms`,
    );
  });

  it('when nothing listens yet, then it keeps asking rather than failing on the refused connection', async () => {
    const gone = await startService(0);
    server?.close();
    server = undefined;

    await expect(waitUntilReady(gone.url, 300)).rejects.toThrow('did not answer 200 within 300 ms');
  });
});
