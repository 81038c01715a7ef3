import { cpus } from 'node:os';
import { createTestDatabase, resolveMysqlServer, startOtlpReceiver } from '@podtalk/test-kit';
import { main, parseFlags } from '../../lib/cli.js';
import { inRounds, paced, type Row, type Target } from './measure.js';
import { writeLocalResults } from './report.js';
import { seedMessages } from './seed.js';
import { launch, peakRssMb, type Launched } from './services.js';
import { localTargets, READS, tracedRead, tracingCost } from './verdicts.js';

parseFlags(
  {},
  `Usage: pnpm bench   (after pnpm build, with MYSQL_URL or a local MySQL)

Runs a bare Express + mysql2 baseline, db-client and the api on this machine, against one real
database seeded with 10,000 messages, and a second db-client and api with tracing on, and drives
each with the same load loop: capacity in interleaved rounds, then the api at a steady 200 req/s.
Prints a Markdown table with the ratios; the JSON goes to scripts/bench/results/latest-local.json.`,
);

const SEEDED = 10_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const message = { author: 'bench', text: 'a message written by the benchmark' };
const list = (url: string, name: string): Target => ({ name, url: `${url}?limit=20` });
const post = (url: string, name: string): Target => ({ name, url, method: 'POST', body: message });
// Tracing as the kind overlay runs it, every request sampled, and as k8s/base does, 1 in 10.
const TRACING = {
  'every request traced': { OTEL_TRACES_SAMPLER: 'always_on' },
  '1 in 10 traced': {
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  },
};

main(async () => {
  const server = await resolveMysqlServer();
  const database = await createTestDatabase(server.url);
  // Spans go out as in the cluster, protobuf over HTTP, to a collector that takes them.
  const collector = await startOtlpReceiver();
  const started: Launched[] = [];
  // Each one started is stopped at the end, whatever happens.
  const running = async (...args: Parameters<typeof launch>) => {
    const service = await launch(...args);
    started.push(service);
    return service;
  };
  try {
    say(`MySQL from ${server.source}; database ${database.name}`);
    const dbClient = await running('db-client', { ...database.env, POD_NAME: 'db-client-bench' });
    await seedMessages(database.env, SEEDED);
    say(`seeded ${SEEDED} messages`);
    const baseline = await running('baseline', database.env);
    const api = await running('api', { DB_CLIENT_URL: dbClient.url, POD_NAME: 'api-bench' });
    // A db-client and an api for each way of tracing, the api calling its own db-client.
    const traced: Target[] = [];
    for (const [how, sampling] of Object.entries(TRACING)) {
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, ...sampling };
      const tracedDbClient = await running(
        'db-client',
        { ...database.env, POD_NAME: 'db-client-traced', ...env },
        `db-client, ${how}`,
      );
      const tracedApi = await running(
        'api',
        { DB_CLIENT_URL: tracedDbClient.url, POD_NAME: 'api-traced', ...env },
        `api, ${how}`,
      );
      traced.push(
        list(`${tracedDbClient.url}/messages`, tracedRead(READS.dbClient, how)),
        list(`${tracedApi.url}/api/messages`, tracedRead(READS.api, how)),
      );
    }

    const rows: Row[] = await inRounds(
      [
        list(`${baseline.url}/messages`, READS.baseline),
        list(`${dbClient.url}/messages`, READS.dbClient),
        post(`${dbClient.url}/messages`, 'db-client POST /messages'),
        list(`${api.url}/api/messages`, READS.api),
        post(`${api.url}/api/messages`, 'api POST /api/messages'),
        ...traced,
      ],
      say,
    );
    say('  api GET at a steady 200 req/s for 20 s …');
    const steady = await paced(
      list(`${api.url}/api/messages`, 'api GET at a steady 200 req/s'),
      200,
      20,
    );
    const services = started.map((s) => ({
      name: s.name,
      readyMs: s.readyMs,
      peakRssMb: peakRssMb(s.process.pid),
    }));
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
    say(
      writeLocalResults({
        machine,
        rows: [...rows, steady],
        services,
        targets: localTargets(rows, steady, services),
        tracing: tracingCost(rows, Object.keys(TRACING), collector.exports()),
      }),
    );
  } finally {
    for (const service of started.reverse()) await service.process.stop();
    await collector.close();
    await database.drop();
    await server.stop();
  }
});
