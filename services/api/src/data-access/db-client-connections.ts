import { lookupWith, serveStale, type Resolve } from '@podtalk/service-kit';
import { Agent } from 'undici';

export interface ConnectionOptions {
  /** The call's whole budget; a connection gets a quarter of it at most to open. */
  timeoutMs: number;
  /** How db-client's host name is resolved; the system resolver unless a test says otherwise. */
  resolve?: Resolve;
}

// In a cluster a connection opens in a millisecond; one that has not opened by now never will.
// Nobody takes it: a Service without ready endpoints, whose packets are dropped rather than
// refused (as some NetworkPolicy engines drop them). That is a 503 with Retry-After now, not a
// 504 at the deadline; and it is not retried, since a new connection would hang the same way.
// undici checks this timer about every half second, so it fires 0.5 to 1 s after the connection
// starts; and it counts the DNS lookup too.
const CONNECT_TIMEOUT_MS = 500;

/**
 * The two ways to db-client: `pooled` keeps connections alive (every call, by default), `fresh`
 * opens a new connection for each request, so kube-proxy picks a db-client pod afresh (a retry,
 * whoami's ping). Each new connection looks db-client's name up through serve-stale as it opens,
 * so requests name db-client by its Service's DNS name, in their Host header and their spans.
 */
export function createDbClientConnections({ timeoutMs, resolve }: ConnectionOptions) {
  const connectTimeoutMs = Math.min(CONNECT_TIMEOUT_MS, timeoutMs / 4);
  const connect = {
    timeout: connectTimeoutMs,
    // The connect timer counts the lookup, so a slow DNS answer gives way to the last good one
    // at half of it: a connection that had to wait for DNS still has time to open.
    lookup: lookupWith(serveStale({ timeoutMs: connectTimeoutMs / 2, resolve })),
  };
  const pooled = new Agent({
    connections: 128,
    connect,
    // Below db-client's 5 s keep-alive, so we never reuse a socket the server is closing.
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 4_000,
  });
  // pipelining 0: no keep-alive, so each request opens its own connection and closes it.
  const fresh = new Agent({ connect, pipelining: 0 });
  return {
    pooled,
    fresh,
    async close() {
      await Promise.all([pooled.close(), fresh.close()]);
    },
  };
}
