import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts an HTTP server with explicit timeouts and resolves once it listens. */
export async function listen(handler: RequestListener, port: number): Promise<Server> {
  const server = createServer(
    {
      // A client that trickles headers or a body cannot hold a socket forever.
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      // Idle keep-alive sockets close after 5 s, well under typical client pool idle times.
      keepAliveTimeout: 5_000,
    },
    handler,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export const portOf = (server: Server) => (server.address() as AddressInfo).port;
