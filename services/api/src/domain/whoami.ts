import type { DbClientGateway } from '../data-access/db-client-gateway.js';
import type { PodIdentity } from './pod-identity.js';

export interface WhoamiReport {
  pod: { name: string; namespace: string | null; node: string | null; ip: string | null };
  version: string;
  startedAt: string;
  uptimeSeconds: number;
  dbClient: { servedBy: string | null; ok: boolean; latencyMs: number; error?: string };
}

/** This pod's identity, plus which db-client pod answers a ping right now. */
export async function whoami(
  identity: PodIdentity,
  gateway: DbClientGateway,
  requestId: string,
  now = new Date(),
): Promise<WhoamiReport> {
  const started = performance.now();
  let dbClient: WhoamiReport['dbClient'];
  try {
    // A fresh connection, so the db-client Service also picks a backend afresh on each ping.
    const res = await gateway.send({
      method: 'GET',
      path: '/healthz',
      route: '/healthz',
      requestId,
      freshConnection: true,
    });
    dbClient = {
      servedBy: res.servedBy ?? null,
      ok: res.status === 200,
      latencyMs: elapsed(started),
    };
  } catch (error) {
    dbClient = {
      servedBy: null,
      ok: false,
      latencyMs: elapsed(started),
      error: (error as Error).message,
    };
  }
  return {
    pod: {
      name: identity.name,
      namespace: identity.namespace,
      node: identity.node,
      ip: identity.ip,
    },
    version: identity.version,
    startedAt: identity.startedAt.toISOString(),
    uptimeSeconds: Math.floor((now.getTime() - identity.startedAt.getTime()) / 1000),
    dbClient,
  };
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;
