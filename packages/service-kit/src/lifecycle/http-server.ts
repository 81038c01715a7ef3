import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/**
 * A constructor for Node's `base` (a plain function constructor) whose instances start life
 * with `prototype`. Express gives each request and response its app's prototypes on arrival;
 * V8 handles objects whose prototype changed after they were built on slower paths, which
 * cost half the CPU of an Express hello-world and a quarter of db-client's (under the bench's load).
 */
function bornWith<T extends new (...args: never[]) => object>(base: T, prototype: object): T {
  const construct = base as unknown as (this: object, ...args: unknown[]) => void;
  function Born(this: object, ...args: unknown[]): void {
    // Not Reflect.construct(base, args, new.target): that measured slower than no preset at all.
    construct.apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}

/** Starts an Express app's HTTP server with explicit timeouts and resolves once it listens. */
export async function listen(app: Express, port: number): Promise<Server> {
  const server = createServer(
    {
      // Express then finds its own prototypes already in place and has nothing to swap.
      IncomingMessage: bornWith<typeof IncomingMessage>(IncomingMessage, app.request),
      ServerResponse: bornWith<typeof ServerResponse>(ServerResponse, app.response),
      // A client that trickles headers or a body cannot hold a socket forever.
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      // Idle keep-alive sockets close after 5 s, well under typical client pool idle times.
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
