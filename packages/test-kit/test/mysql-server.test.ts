import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { resolveMysqlServer } from '../src/index.js';

// The machine's own test server, as `pnpm test` finds it; each test points MYSQL_URL at it, or
// somewhere near it, and reads what the error says.
const SERVER = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** A port that refuses connections: it was free a moment ago, and nothing listens on it now. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('resolveMysqlServer with MYSQL_URL', () => {
  it('when MYSQL_URL names a database that does not exist, then it says the server answered and the database is missing', async () => {
    const url = new URL(SERVER);
    url.pathname = '/nosuchdb_podtalk';

    const found = resolveMysqlServer({ MYSQL_URL: url.toString() });

    await expect(found).rejects.toThrow(
      /the server answered, but it has no database "nosuchdb_podtalk"\. Leave the database out of the URL/,
    );
  });

  it('when nothing listens where MYSQL_URL points, then it says no server answers there', async () => {
    const port = await refusingPort();

    const found = resolveMysqlServer({ MYSQL_URL: `mysql://root@127.0.0.1:${port}` });

    await expect(found).rejects.toThrow(
      `MYSQL_URL is set to mysql://root@127.0.0.1:${port}, but no server answers there (ECONNREFUSED).`,
    );
  });

  it('when MYSQL_URL reaches the server, then it is the server the tests use', async () => {
    const found = await resolveMysqlServer({ MYSQL_URL: SERVER });

    expect(found).toMatchObject({ url: SERVER, source: 'MYSQL_URL' });
  });
});
