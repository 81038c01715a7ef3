import { startDbClient, type StartDbClientOptions } from '@podtalk/test-kit';
import { inject } from 'vitest';

/** This package's db-client as a real process, behind a cuttable proxy to its own database. */
export const startDbClientBehindProxy = (
  options: Pick<StartDbClientOptions, 'env' | 'databaseDown'> = {},
) =>
  startDbClient({
    dir: process.cwd(),
    serverUrl: inject('mysqlServerUrl'),
    podName: 'db-client-under-test',
    ...options,
  });
