import { serveStale, type Resolve } from '@podtalk/service-kit';
import type { interceptors } from 'undici';

/** The `lookup` option of undici's DNS interceptor, and the records it answers with. */
export type DnsLookup = NonNullable<NonNullable<Parameters<typeof interceptors.dns>[0]>['lookup']>;
type DnsRecord = Parameters<Parameters<DnsLookup>[2]>[1][number];

export interface ServiceNameLookupOptions {
  /** How long to wait for DNS before answering with the last good answer. */
  timeoutMs: number;
  /** How long undici's DNS interceptor keeps an answer before asking again. */
  ttlMs: number;
  resolve?: Resolve;
}

/**
 * The lookup for undici's DNS interceptor: a fresh answer when DNS gives one in time, otherwise
 * the last good one (service-kit's `serveStale`). Each answer is a new set of records, because
 * the interceptor stamps the records it is given.
 */
export function serveStaleLookup({
  timeoutMs,
  ttlMs,
  resolve,
}: ServiceNameLookupOptions): DnsLookup {
  const resolveName = serveStale({ timeoutMs, resolve });

  return (origin, _options, callback) => {
    resolveName(origin.hostname).then(
      (addresses) =>
        callback(
          null,
          addresses.map(({ address, family }): DnsRecord => ({
            address,
            family: family === 6 ? 6 : 4,
            ttl: ttlMs,
          })),
        ),
      (error: unknown) => callback(error as NodeJS.ErrnoException, []),
    );
  };
}
