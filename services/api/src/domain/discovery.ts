import type { LookupAddress } from 'node:dns';
import { codeOf } from '@podtalk/service-kit';
import type { DiscoverySource } from '../config.js';

export type Lookup = (host: string) => Promise<LookupAddress[]>;

export interface DiscoveryReport {
  configured: { url: string; source: DiscoverySource; host: string; port: number };
  dns: { host: string; addresses: string[]; error?: string };
  /** Every <NAME>_SERVICE_HOST / _PORT pair the kubelet injected, by Service. */
  serviceEnv: Record<string, { host: string; port: string | null }>;
  /** Whether DNS and DB_CLIENT_SERVICE_HOST point at the same ClusterIP; null when either is missing. */
  agree: boolean | null;
}

const SERVICE_HOST = /^([A-Z0-9_]+)_SERVICE_HOST$/;

/** Reads the injected Service variables the way a kubelet writes them. */
export function injectedServices(
  env: Record<string, string | undefined>,
): DiscoveryReport['serviceEnv'] {
  const services: DiscoveryReport['serviceEnv'] = {};
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    const service = SERVICE_HOST.exec(name)?.[1];
    if (service && value)
      services[service] = { host: value, port: env[`${service}_SERVICE_PORT`] ?? null };
  }
  return services;
}

/**
 * Explains how this pod finds db-client: the URL it uses, what that name resolves to,
 * and what the environment says — the two discovery mechanisms side by side. Hand-written:
 * showing Kubernetes' own mechanisms at work is what this endpoint is for.
 */
export async function discoverDbClient(
  dbClient: { url: string; source: DiscoverySource },
  env: Record<string, string | undefined>,
  lookup: Lookup,
): Promise<DiscoveryReport> {
  const url = new URL(dbClient.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  let dns: DiscoveryReport['dns'];
  try {
    dns = { host, addresses: (await lookup(host)).map((entry) => entry.address) };
  } catch (error) {
    dns = {
      host,
      addresses: [],
      error: codeOf(error) ?? (error as Error).message,
    };
  }
  const serviceEnv = injectedServices(env);
  const envHost = serviceEnv.DB_CLIENT?.host;
  return {
    configured: { url: dbClient.url, source: dbClient.source, host, port },
    dns,
    serviceEnv,
    agree: envHost && dns.addresses.length > 0 ? dns.addresses.includes(envHost) : null,
  };
}
