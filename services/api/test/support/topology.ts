import { fileURLToPath } from 'node:url';
import {
  startDbClient as startDbClientProcess,
  startService,
  type DbClientProcess,
  type ServiceProcess,
} from '@podtalk/test-kit';
import { inject } from 'vitest';

const DB_CLIENT_DIR = fileURLToPath(new URL('../../../db-client', import.meta.url));
const API_DIR = fileURLToPath(new URL('../..', import.meta.url));

export type DbClient = DbClientProcess;

/** A real db-client process on a fresh database of its own, ready to serve. */
export async function startDbClient(
  podName = 'db-client-0',
  env: Record<string, string> = {},
): Promise<DbClient> {
  const dbClient = await startDbClientProcess({
    dir: DB_CLIENT_DIR,
    serverUrl: inject('mysqlServerUrl'),
    podName,
    env,
  });
  await dbClient.waitUntilReady();
  return dbClient;
}

export interface Api extends ServiceProcess {
  adminUrl: string;
}

/** A real api process; `env` says how it finds db-client. */
export async function startApi(env: Record<string, string>): Promise<Api> {
  const service = await startService({ cwd: API_DIR, env, listeners: ['http', 'admin'] });
  return { ...service, adminUrl: `http://127.0.0.1:${service.ports.admin}` };
}

export const postMessage = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
