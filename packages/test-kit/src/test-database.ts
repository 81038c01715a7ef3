import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDatabase {
  name: string;
  /** Connection settings in the shape of db-client's env. */
  env: { DB_HOST: string; DB_PORT: string; DB_USER: string; DB_PASSWORD: string; DB_NAME: string };
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the test server, so test files can run in parallel. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `podtalk_test_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: serverUrl });
  try {
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  return {
    name,
    env: {
      DB_HOST: url.hostname,
      DB_PORT: url.port || '3306',
      DB_USER: decodeURIComponent(url.username),
      DB_PASSWORD: decodeURIComponent(url.password),
      DB_NAME: name,
    },
    drop: async () => {
      const connection = await mysql.createConnection({ uri: serverUrl });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
