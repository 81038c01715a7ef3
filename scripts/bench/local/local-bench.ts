import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, resolveMysqlServer } from '@podtalk/test-kit';
import type { Service } from '../../images/images.js';
import { findWorkload, parseYamlDocuments, readRepoFile } from '../../kube/manifests.js';
import { containerOf } from '../../images/pod-container.js';
import { pickLoadGenerator } from '../load/load.js';
import { drivePaced } from '../load/paced-load.js';
import { launch, type Launched } from './processes.js';
import { markdownList, targetLines } from '../../lib/markdown.js';
import { markdownTable, type Row } from './report.js';
import {
  CONNECTIONS,
  MEASURE_SEC,
  measure,
  measureInRounds,
  ROUND_SEC,
  ROUNDS,
  WARMUP_SEC,
} from './rounds.js';
import { seedMessages } from './seed.js';
import { localTargets } from './verdicts.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));
const BASELINE_ENTRY = `${ROOT}scripts/bench/baseline-server.mjs`;
const SEEDED = 10_000;
const message = { author: 'bench', text: 'a message written by the benchmark' };

/** Runs every local target on one machine, in one run, and reports absolute numbers and ratios. */
export async function runLocalBench(): Promise<void> {
  const generator = pickLoadGenerator();
  if (generator.name !== 'wrk')
    say('wrk not found: load from autocannon, which takes more of the CPU the services need');
  const server = await resolveMysqlServer();
  const database = await createTestDatabase(server.url);
  const started: Launched[] = [];
  try {
    say(`MySQL from ${server.source}; database ${database.name}`);
    const dbClient = await launchService('db-client', {
      ...database.env,
      POD_NAME: 'db-client-bench',
    });
    started.push(dbClient);
    await seedMessages(database.env, SEEDED);
    say(`seeded ${SEEDED} messages`);
    const baseline = await launch('baseline', BASELINE_ENTRY, database.env);
    started.push(baseline);
    const api = await launchService('api', { DB_CLIENT_URL: dbClient.url, POD_NAME: 'api-bench' });
    started.push(api);

    const [baseGet, dbGet, apiGet] = (await measureInRounds(generator, [
      {
        target: 'baseline GET /messages?limit=20',
        spec: { url: `${baseline.url}/messages?limit=20` },
      },
      {
        target: 'db-client GET /messages?limit=20',
        spec: { url: `${dbClient.url}/messages?limit=20` },
      },
      {
        target: 'api GET /api/messages?limit=20',
        spec: { url: `${api.url}/api/messages?limit=20` },
      },
    ])) as [Row, Row, Row];
    const rows = [
      baseGet,
      dbGet,
      await measure(generator, 'db-client POST /messages', {
        url: `${dbClient.url}/messages`,
        method: 'POST',
        body: message,
      }),
      apiGet,
      await measure(generator, 'api POST /api/messages', {
        url: `${api.url}/api/messages`,
        method: 'POST',
        body: message,
      }),
    ];
    process.stdout.write('  api GET at a steady 200 req/s for 20 s …\n');
    const fixedRate: Row = {
      target: 'api GET /api/messages?limit=20 at 200 req/s',
      ...(await drivePaced({
        url: `${api.url}/api/messages?limit=20`,
        rate: 200,
        durationSec: 20,
        connections: 10,
      })),
    };
    rows.push(fixedRate);

    const ratios = {
      dbClientToBaseline: dbGet.requestsPerSec / baseGet.requestsPerSec,
      apiToBaseline: apiGet.requestsPerSec / baseGet.requestsPerSec,
    };
    const services = started.map((s) => ({
      name: s.name,
      readyMs: s.readyMs,
      peakRssMb: s.peakRssMb(),
    }));
    const targets = localTargets(rows, fixedRate, ratios, services);

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
    const markdown = [
      `### podtalk bench — ${new Date().toISOString()}`,
      '',
      `Machine: ${machine}. Load from ${generator.name}: ${CONNECTIONS} connections and a ${WARMUP_SEC} s warm-up per target; GETs: median of ${ROUNDS} interleaved ${ROUND_SEC} s rounds; POSTs: ${MEASURE_SEC} s; 200 req/s: evenly spaced requests for 20 s; ${SEEDED} messages seeded.`,
      '',
      markdownTable(rows),
      '',
      markdownList('Ratios (GET, same run)', [
        `db-client / baseline: ${ratios.dbClientToBaseline.toFixed(2)}`,
        `api / baseline: ${ratios.apiToBaseline.toFixed(2)} (two HTTP hops)`,
      ]),
      '',
      markdownList(
        'Per service',
        services.map(
          (s) =>
            `${s.name}: ready ${s.readyMs.toFixed(0)} ms after start, peak RSS ${s.peakRssMb.toFixed(0)} MB`,
        ),
      ),
      '',
      markdownList('Targets', targetLines(targets)),
    ].join('\n');
    say(`\n${markdown}\n`);
    const json = `${JSON.stringify({ date: new Date().toISOString(), machine, loadGenerator: generator.name, rows, ratios, services, targets }, null, 2)}\n`;
    const file = `${RESULTS}local-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, json);
    // The newest run also goes to a fixed name, which the README's Performance section quotes.
    writeFileSync(`${RESULTS}latest-local.json`, json);
    say(`results: ${file.replace(ROOT, '')} (and latest-local.json)`);
  } finally {
    for (const service of started.reverse()) await service.stop();
    await database.drop();
    await server.stop();
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Each service runs with the NODE_OPTIONS its Deployment sets, as in the cluster. */
function launchService(service: Service, env: Record<string, string>): Promise<Launched> {
  const deployment = findWorkload(
    parseYamlDocuments(readRepoFile(`k8s/base/${service}/deployment.yaml`)),
    service,
  );
  const nodeOptions = containerOf(deployment).env?.find((v) => v.name === 'NODE_OPTIONS')?.value;
  return launch(service, `${ROOT}services/${service}/dist/main.js`, {
    ...env,
    NODE_OPTIONS: nodeOptions ?? '',
  });
}
