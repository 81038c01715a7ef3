import type { Resolve } from '@podtalk/service-kit';
import { Agent, interceptors } from 'undici';
import { serveStaleLookup } from './service-name-lookup.js';

export interface ConnectionOptions {
  /** The call's whole budget; a connection gets a quarter of it at most to open. */
  timeoutMs: number;
  /** How db-client's host name is resolved; the system resolver unless a test says otherwise. */
  resolve?: Resolve;
  /** How long an answer for that name is used before DNS is asked again. */
  dnsTtlMs: number;
}

// Past this, a slow DNS answer gives way to the last good one.
const DNS_TIMEOUT_MS = 500;
// In a cluster a connection opens in a millisecond; one that has not opened by now never will.
// Nobody takes it: a Service without ready endpoints, whose packets are dropped rather than
// refused (as some NetworkPolicy engines drop them). That is a 503 with Retry-After now, not a
// 504 at the deadline; and it is not retried, since a new connection would hang the same way.
const CONNECT_TIMEOUT_MS = 500;

/**
 * The two ways to db-client, both resolving its name through undici's DNS interceptor:
 * `pooled` keeps connections alive (every call, by default), `fresh` opens a new connection
 * for each request, so kube-proxy picks a db-client pod afresh (a retry, whoami's ping).
 */
export function createDbClientConnections({ timeoutMs, resolve, dnsTtlMs }: ConnectionOptions) {
  const connect = { timeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs / 4) };
  const dns = interceptors.dns({
    maxTTL: dnsTtlMs,
    lookup: serveStaleLookup({ timeoutMs: DNS_TIMEOUT_MS, ttlMs: dnsTtlMs, resolve }),
  });
  const pooledAgent = new Agent({
    connections: 128,
    connect,
    // Below db-client's 5 s keep-alive, so we never reuse a socket the server is closing.
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 4_000,
  });
  // pipelining 0: no keep-alive, so each request opens its own connection and closes it.
  const freshAgent = new Agent({ connect, pipelining: 0 });
  return {
    pooled: pooledAgent.compose(dns),
    fresh: freshAgent.compose(dns),
    async close() {
      await Promise.all([pooledAgent.close(), freshAgent.close()]);
    },
  };
}
