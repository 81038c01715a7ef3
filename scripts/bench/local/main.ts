import { cpus } from 'node:os';
import { createTestDatabase, resolveMysqlServer } from '@podtalk/test-kit';
import { main, parseFlags } from '../../lib/cli.js';
import { inRounds, paced, type Row } from './measure.js';
import { writeLocalResults } from './report.js';
import { seedMessages } from './seed.js';
import { launch, peakRssMb, type Launched } from './services.js';
import { localTargets } from './verdicts.js';

parseFlags(
  {},
  `Usage: pnpm bench   (after pnpm build, with MYSQL_URL or a local MySQL)

Runs a bare Express + mysql2 baseline, db-client and the api on this machine, against one real
database seeded with 10,000 messages, and drives each with the same load loop: capacity in
interleaved rounds, then the api at a steady 200 req/s. Prints a Markdown table with the ratios;
the JSON goes to scripts/bench/results/latest-local.json.`,
);

const SEEDED = 10_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const message = { author: 'bench', text: 'a message written by the benchmark' };

main(async () => {
  const server = await resolveMysqlServer();
  const database = await createTestDatabase(server.url);
  const started: Launched[] = [];
  try {
    say(`MySQL from ${server.source}; database ${database.name}`);
    const dbClient = await launch('db-client', { ...database.env, POD_NAME: 'db-client-bench' });
    started.push(dbClient);
    await seedMessages(database.env, SEEDED);
    say(`seeded ${SEEDED} messages`);
    const baseline = await launch('baseline', database.env);
    const api = await launch('api', { DB_CLIENT_URL: dbClient.url, POD_NAME: 'api-bench' });
    started.push(baseline, api);

    const rows: Row[] = await inRounds(
      [
        { name: 'baseline GET /messages?limit=20', url: `${baseline.url}/messages?limit=20` },
        { name: 'db-client GET /messages?limit=20', url: `${dbClient.url}/messages?limit=20` },
        {
          name: 'db-client POST /messages',
          url: `${dbClient.url}/messages`,
          method: 'POST',
          body: message,
        },
        { name: 'api GET /api/messages?limit=20', url: `${api.url}/api/messages?limit=20` },
        {
          name: 'api POST /api/messages',
          url: `${api.url}/api/messages`,
          method: 'POST',
          body: message,
        },
      ],
      say,
    );
    say('  api GET at a steady 200 req/s for 20 s …');
    const steady = await paced(
      { name: 'api GET at a steady 200 req/s', url: `${api.url}/api/messages?limit=20` },
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
      }),
    );
  } finally {
    for (const service of started.reverse()) await service.process.stop();
    await database.drop();
    await server.stop();
  }
});
