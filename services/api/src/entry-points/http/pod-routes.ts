import { requestIdOf } from '@podtalk/service-kit';
import { Router } from 'express';
import type { DbClientGateway } from '../../data-access/db-client-gateway.js';
import { discoverDbClient, type Lookup } from '../../domain/discovery.js';
import type { PodIdentity } from '../../domain/pod-identity.js';
import { whoami } from '../../domain/whoami.js';
import type { DiscoverySource } from '../../config.js';

export interface PodRoutesDeps {
  identity: PodIdentity;
  dbClient: DbClientGateway;
  dbClientTarget: { url: string; source: DiscoverySource };
  env: Record<string, string | undefined>;
  lookup: Lookup;
}

/** The teaching endpoints: which pod answered, and how it found db-client. */
export function podRoutes(deps: PodRoutesDeps): Router {
  const router = Router();

  router.get('/api/whoami', async (req, res) => {
    // A Service balances connections, not requests: a kept-alive connection would stick to one pod.
    // Closing it makes the next poll open a new one, so kube-proxy picks a pod afresh each time.
    res.setHeader('Connection', 'close');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await whoami(deps.identity, deps.dbClient, requestIdOf(req)));
  });

  router.get('/api/discovery', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await discoverDbClient(deps.dbClientTarget, deps.env, deps.lookup));
  });

  return router;
}
