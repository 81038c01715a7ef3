import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/**
 * A real HTTP server for the load drivers to hit, one per test: `serve` starts it and returns
 * a URL with a path and query, `close` stops it early, and it is closed after each test anyway.
 */
export function targetServer() {
  let server: Server | undefined;

  const close = async () => {
    if (server?.listening) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  };
  afterEach(close);

  return {
    async serve(handler: RequestListener): Promise<string> {
      const started = createServer(handler);
      server = started;
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(started.address() as AddressInfo).port}/ping?x=1`;
    },
    close,
    /** The running server, to watch its connections. */
    server: () => server,
  };
}
