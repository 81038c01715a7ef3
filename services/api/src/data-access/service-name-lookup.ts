import { lookup } from 'node:dns/promises';
import type { interceptors } from 'undici';

/** The `lookup` option of undici's DNS interceptor, and the records it answers with. */
export type DnsLookup = NonNullable<NonNullable<Parameters<typeof interceptors.dns>[0]>['lookup']>;
type DnsRecord = Parameters<Parameters<DnsLookup>[2]>[1][number];
/** Resolves a host name to its addresses, as node:dns's lookup does. */
export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

const resolveWithSystem: Resolve = (hostname) => lookup(hostname, { all: true });

export interface ServeStaleOptions {
  /** How long to wait for DNS before answering with the last good answer. */
  timeoutMs: number;
  /** How long undici's DNS interceptor keeps an answer before asking again. */
  ttlMs: number;
  resolve?: Resolve;
}

/**
 * The lookup for undici's DNS interceptor: a fresh answer when DNS gives one in time, otherwise
 * the last good one (serve-stale, RFC 8767). That is safe for a Service's name: its ClusterIP
 * stays the same for the Service's whole life, so a restarting or drained CoreDNS costs no
 * request. It would not be safe for a headless Service, whose answers are pods' own IPs.
 * Hand-written because no library serves stale answers for undici's interceptor.
 */
export function serveStaleLookup({
  timeoutMs,
  ttlMs,
  resolve = resolveWithSystem,
}: ServeStaleOptions): DnsLookup {
  const lastGood = new Map<string, DnsRecord[]>();
  // The interceptor stamps each record it is given, so every answer is a fresh copy.
  const copies = (records: DnsRecord[]) => records.map((record) => ({ ...record }));

  return (origin, _options, callback) => {
    const { hostname } = origin;
    const fresh = resolve(hostname).then((addresses) => {
      const records = addresses.map(({ address, family }): DnsRecord => ({
        address,
        family: family === 6 ? 6 : 4,
        ttl: ttlMs,
      }));
      lastGood.set(hostname, records);
      return records;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no DNS answer for ${hostname} within ${timeoutMs} ms`);
        reject(Object.assign(error, { code: 'EAI_AGAIN' }));
      }, timeoutMs);
    });
    Promise.race([fresh, late])
      .then(
        (records) => callback(null, copies(records)),
        (error: unknown) => {
          const stale = lastGood.get(hostname);
          if (stale) callback(null, copies(stale));
          else callback(error as NodeJS.ErrnoException, []);
        },
      )
      .finally(() => clearTimeout(timer));
  };
}
