import { AppError, loadConfig, type Resolve } from '@podtalk/service-kit';
import { createTestDatabase, timed, type TestDatabase } from '@podtalk/test-kit';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { configSchema } from '../src/config.js';
import { createDatabase } from '../src/data-access/database.js';

const MYSQL_NAME = 'mysql.podtalk.svc.cluster.local';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlServerUrl'));
});
afterAll(() => database.drop());

/**
 * A stand-in for cluster DNS that knows MySQL's name until it stops answering, as a lookup
 * does while kube-proxy still sends it to a CoreDNS pod that is gone.
 */
function clusterDns(address: string) {
  const state = { up: true, askedWhileDown: 0 };
  const resolve: Resolve = () => {
    if (state.up) return Promise.resolve([{ address, family: 4 }]);
    state.askedWhileDown++;
    return new Promise<never>(() => undefined);
  };
  return { state, resolve };
}

const settings = () =>
  loadConfig(configSchema, { ...database.env, DB_HOST: MYSQL_NAME, POD_NAME: 'db-client-test' });

/** Holds `count` pooled connections busy at once, so the pool has to open that many. */
const concurrentSleeps = (db: ReturnType<typeof createDatabase>, count: number) =>
  Promise.all(
    Array.from({ length: count }, () =>
      db.execute<RowDataPacket[]>('SELECT SLEEP(?) AS slept', [0.2]),
    ),
  );

describe('MySQL found by name while DNS is away', () => {
  it('when DNS stops answering after the name was resolved, then the pool still opens new connections, each within the connect timeout', async () => {
    const dns = clusterDns(database.env.DB_HOST);
    const config = settings();
    const db = createDatabase(config, { resolve: dns.resolve });
    try {
      await db.ping();

      dns.state.up = false;
      const queries = await timed(() => concurrentSleeps(db, 4));

      expect(queries.value.map(([row]) => row?.slept)).toEqual([0, 0, 0, 0]);
      // The pool had one connection, so three were opened while DNS was away.
      expect(dns.state.askedWhileDown).toBe(3);
      expect(queries.ms).toBeLessThan(config.DB_TIMEOUT_MS);
    } finally {
      await db.close();
    }
  });

  it('when DNS has never answered for the name, then a query fails as database-unavailable (503)', async () => {
    const dns = clusterDns(database.env.DB_HOST);
    dns.state.up = false;
    const db = createDatabase(settings(), { resolve: dns.resolve });
    try {
      const error = await db.ping().then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 503, code: 'database-unavailable' });
    } finally {
      await db.close();
    }
  });
});
