import { lookupWith, serveStale, type Resolve } from '@podtalk/service-kit';
import { connect, type Socket } from 'node:net';

// Past this, a slow DNS answer gives way to the last good one. Well inside DB_TIMEOUT_MS,
// so a connection that had to wait for DNS still has time to connect.
const DNS_TIMEOUT_MS = 500;

export interface MysqlSocketOptions {
  host: string;
  port: number;
  /** How MySQL's host name is resolved; the system resolver unless a test says otherwise. */
  resolve?: Resolve;
}

/**
 * mysql2's `stream` option: the socket for each new pooled connection. It is the socket mysql2
 * opens itself (no Nagle delay, TCP keepalive), except that MySQL's name goes through a
 * serve-stale resolver. A pool opens connections exactly when load grows, which is also when a
 * drain moves CoreDNS pods and a lookup can hang for 5 s (kubernetes/kubernetes#129617).
 */
export function mysqlSocketFactory({ host, port, resolve }: MysqlSocketOptions): () => Socket {
  const lookup = lookupWith(serveStale({ timeoutMs: DNS_TIMEOUT_MS, resolve }));
  return () =>
    connect({
      host,
      port,
      lookup,
      noDelay: true,
      // Keepalive probes notice a silently dropped connection before a request does.
      keepAlive: true,
      keepAliveInitialDelay: 10_000,
    });
}
