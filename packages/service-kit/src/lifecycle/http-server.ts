import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** Starts an Express app's HTTP server with explicit timeouts and resolves once it listens. */
export async function listen(app: Express, port: number): Promise<Server> {
  const server = createServer(
    {
      // A client that trickles headers or a body cannot hold a socket forever.
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      // Idle keep-alive sockets close after 5 s. A client must give up on an idle socket
      // sooner (the api's pool does at 4 s), or it may send on a socket this server is closing.
      keepAliveTimeout: 5_000,
    },
    app,
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
