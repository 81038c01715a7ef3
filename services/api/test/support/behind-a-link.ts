import { startTcpProxy, timed, type TcpProxy } from '@podtalk/test-kit';
import { startApi, startDbClient, type Api, type DbClient } from './topology.js';

export const UPSTREAM_TIMEOUT_MS = 800;

/** api → link → db-client: a test cuts, slows or freezes the link as a dead, slow or frozen pod would. */
export interface BehindALink {
  dbClient: DbClient;
  link: TcpProxy;
  api: Api;
  stop(): Promise<void>;
}

export async function apiBehindALink(): Promise<BehindALink> {
  const dbClient = await startDbClient('db-client-flaky');
  const link = await startTcpProxy({ host: '127.0.0.1', port: dbClient.service.ports.http! });
  const api = await startApi({
    DB_CLIENT_URL: `http://127.0.0.1:${link.port}`,
    UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    POD_NAME: 'api-0',
  });
  return {
    dbClient,
    link,
    api,
    async stop() {
      await api.stop('SIGKILL');
      await link.close();
      await dbClient.stop();
    },
  };
}

/** The answer, how long it took, and its JSON body. */
export async function answer(work: () => Promise<Response>) {
  const { value: res, ms } = await timed(work);
  return { res, ms, body: await res.json() };
}
