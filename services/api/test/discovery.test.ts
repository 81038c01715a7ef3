import { runToExit } from '@podtalk/test-kit';
import type { DiscoveryReport } from '../src/domain/discovery.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMessage, startApi, startDbClient, type DbClient } from './support/topology.js';

let dbClient: DbClient;
beforeAll(async () => (dbClient = await startDbClient()));
afterAll(() => dbClient.stop());

describe('finding db-client', () => {
  it('when only the kubelet-style DB_CLIENT_SERVICE_HOST/PORT are set, then the api finds db-client through them', async () => {
    const port = new URL(dbClient.service.url).port;
    const api = await startApi({
      DB_CLIENT_SERVICE_HOST: '127.0.0.1',
      DB_CLIENT_SERVICE_PORT: port,
      MYSQL_SERVICE_HOST: '10.96.0.20',
      MYSQL_SERVICE_PORT: '3306',
      POD_NAME: 'api-env',
    });
    try {
      const created = await postMessage(api.url, { author: 'env', text: 'found you' });
      const discovery = await (await fetch(`${api.url}/api/discovery`)).json();

      expect(created.status).toBe(201);
      expect(discovery).toEqual({
        configured: {
          url: `http://127.0.0.1:${port}`,
          source: 'DB_CLIENT_SERVICE_HOST/PORT',
          host: '127.0.0.1',
          port: Number(port),
        },
        dns: { host: '127.0.0.1', addresses: ['127.0.0.1'] },
        serviceEnv: {
          DB_CLIENT: { host: '127.0.0.1', port },
          MYSQL: { host: '10.96.0.20', port: '3306' },
        },
        agree: true,
      });
    } finally {
      await api.stop('SIGKILL');
    }
  });

  it('when DB_CLIENT_URL names a host and the env names another address, then discovery says they disagree', async () => {
    const api = await startApi({
      DB_CLIENT_URL: `http://localhost:${new URL(dbClient.service.url).port}`,
      DB_CLIENT_SERVICE_HOST: '10.96.0.99',
      DB_CLIENT_SERVICE_PORT: '8080',
    });
    try {
      const discovery = (await (await fetch(`${api.url}/api/discovery`)).json()) as DiscoveryReport;

      expect(discovery.configured.source).toBe('DB_CLIENT_URL');
      expect(discovery.dns.addresses.length).toBeGreaterThan(0);
      expect(discovery.agree).toBe(false);
    } finally {
      await api.stop('SIGKILL');
    }
  });

  it('when neither DB_CLIENT_URL nor the Service variables are set, then it exits 1 naming both ways', async () => {
    const result = await runToExit({ cwd: process.cwd(), env: {} });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'DB_CLIENT_URL: db-client cannot be found: set DB_CLIENT_URL (e.g. http://db-client.podtalk.svc.cluster.local:8080), ' +
        'or both DB_CLIENT_SERVICE_HOST and DB_CLIENT_SERVICE_PORT, which Kubernetes injects for a Service that exists when the pod starts',
    );
    expect(result.stderr).not.toContain('    at ');
  });

  it('when only DB_CLIENT_SERVICE_HOST is set, then it exits 1 naming the missing port too', async () => {
    const result = await runToExit({
      cwd: process.cwd(),
      env: { DB_CLIENT_SERVICE_HOST: '10.96.14.7' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'or both DB_CLIENT_SERVICE_HOST and DB_CLIENT_SERVICE_PORT (DB_CLIENT_SERVICE_PORT is missing)',
    );
  });

  it('when DB_CLIENT_URL is set but empty, then it exits 1 saying so, and naming both ways', async () => {
    const result = await runToExit({ cwd: process.cwd(), env: { DB_CLIENT_URL: '' } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'DB_CLIENT_URL: db-client cannot be found (DB_CLIENT_URL is set, but empty): set DB_CLIENT_URL',
    );
    expect(result.stderr).toContain('or both DB_CLIENT_SERVICE_HOST and DB_CLIENT_SERVICE_PORT');
    expect(result.stderr).not.toContain('must be an http(s) URL');
  });

  it('when DB_CLIENT_URL is not an http URL, then it exits 1 naming it', async () => {
    const result = await runToExit({
      cwd: process.cwd(),
      env: { DB_CLIENT_URL: 'db-client:8080' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DB_CLIENT_URL: must be an http(s) URL');
  });
});
