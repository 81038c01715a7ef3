import { lookup } from 'node:dns/promises';
import { within } from '../lifecycle/within.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to its addresses, as node:dns's lookup does. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

const resolveWithSystem: Resolve = (hostname) => lookup(hostname, { all: true });

export interface ServeStaleOptions {
  /** How long to wait for DNS before answering with the last good answer. */
  timeoutMs: number;
  /** The resolver asked first; the system's unless a test says otherwise. */
  resolve?: Resolve;
}

/**
 * Asks DNS every time, and answers with the last good answer when DNS fails or takes longer
 * than `timeoutMs` (serve-stale, RFC 8767). That is safe for a Service's name: its ClusterIP
 * stays the same for the Service's whole life, so a restarting or drained CoreDNS costs no
 * connection. It would not be safe for a headless Service, whose answers are pods' own IPs.
 * Hand-written because Node's resolver and the clients we use have no serve-stale mode.
 */
export function serveStale({ timeoutMs, resolve = resolveWithSystem }: ServeStaleOptions): Resolve {
  const lastGood = new Map<string, ResolvedAddress[]>();

  return async (hostname) => {
    const fresh = resolve(hostname).then((addresses) => {
      lastGood.set(hostname, addresses);
      return addresses;
    });
    const late = () =>
      Object.assign(new Error(`no DNS answer for ${hostname} within ${timeoutMs} ms`), {
        code: 'EAI_AGAIN',
      });
    try {
      return await within(fresh, timeoutMs, late);
    } catch (error) {
      const stale = lastGood.get(hostname);
      if (stale) return stale;
      throw error;
    }
  };
}
