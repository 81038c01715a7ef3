import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, resolveMysqlServer } from '@podtalk/test-kit';
import type { Service } from '../../images/images.js';
import { findWorkload, parseYamlDocuments, readRepoFile } from '../../kube/manifests.js';
import { containerOf } from '../../images/pod-container.js';
import {
  pickLoadGenerator,
  type LoadGenerator,
  type LoadResult,
  type LoadSpec,
} from '../load/load.js';
import { drivePaced } from '../load/paced-load.js';
import { launch, type Launched } from './processes.js';
import { markdownList, markdownTable, targetLines, type Row, type Target } from './report.js';
import { seedMessages } from './seed.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));
const BASELINE_ENTRY = `${ROOT}scripts/bench/baseline-server.mjs`;
const SEEDED = 10_000;
const CONNECTIONS = 32;
const WARMUP_SEC = 3;
const MEASURE_SEC = 10;
// The GET targets, whose ratios matter most, run in interleaved rounds: drift on a shared
// machine then hits every target alike instead of whichever happened to run during it.
const ROUNDS = 3;
const ROUND_SEC = 5;
const message = { author: 'bench', text: 'a message written by the benchmark' };

type Spec = Omit<LoadSpec, 'connections' | 'durationSec'>;
const load = (generator: LoadGenerator, spec: Spec, durationSec: number) =>
  generator.drive({ ...spec, connections: CONNECTIONS, durationSec });

/** One target, warmed up, then measured once. */
async function measure(generator: LoadGenerator, target: string, spec: Spec): Promise<Row> {
  process.stdout.write(`  ${target}: warm-up ${WARMUP_SEC} s, then ${MEASURE_SEC} s …`);
  await load(generator, spec, WARMUP_SEC);
  const result: LoadResult = await load(generator, spec, MEASURE_SEC);
  process.stdout.write(` ${result.requestsPerSec.toFixed(0)} req/s\n`);
  return { target, ...result };
}

/** The run with the median throughput; errors and request counts add up over all runs. */
function medianRow(target: string, results: LoadResult[]): Row {
  const sorted = [...results].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error(`no runs for ${target}`);
  const sum = (pick: (r: LoadResult) => number) => sorted.reduce((n, r) => n + pick(r), 0);
  return {
    target,
    ...median,
    total: sum((r) => r.total),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
}

/** Several targets, each warmed up, then measured in interleaved rounds; each row is its median round. */
async function measureInRounds(
  generator: LoadGenerator,
  targets: { target: string; spec: Spec }[],
): Promise<Row[]> {
  const runs = targets.map((t) => ({ ...t, results: [] as LoadResult[] }));
  for (const { spec } of runs) await load(generator, spec, WARMUP_SEC);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { target, spec, results } of runs) {
      const result = await load(generator, spec, ROUND_SEC);
      results.push(result);
      say(`  round ${round}/${ROUNDS} ${target}: ${result.requestsPerSec.toFixed(0)} req/s`);
    }
  }
  return runs.map(({ target, results }) => medianRow(target, results));
}

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
    // The memory and startup targets are ours; the baselines are reported for comparison only.
    const ours = services.filter((s) => s.name === 'db-client' || s.name === 'api');
    const targets: Target[] = [
      {
        name: 'db-client GET ≥ 0.85 × baseline',
        ok: ratios.dbClientToBaseline >= 0.85,
        detail: `${ratios.dbClientToBaseline.toFixed(2)} ×`,
      },
      {
        name: 'api GET ≥ 0.6 × baseline',
        ok: ratios.apiToBaseline >= 0.6,
        detail: `${ratios.apiToBaseline.toFixed(2)} ×`,
      },
      {
        name: '0 errors in every run',
        ok: rows.every((r) => r.errors === 0 && r.non2xx === 0),
        detail: `${rows.reduce((n, r) => n + r.errors + r.non2xx, 0)} errors and non-2xx`,
      },
      {
        name: 'api p99 ≤ 20 ms at 200 req/s',
        ok: fixedRate.p99 <= 20,
        detail: `p50 ${fixedRate.p50} ms, p99 ${fixedRate.p99} ms, max ${fixedRate.max} ms`,
      },
      ...ours.map((s) => ({
        name: `${s.name} peak RSS ≤ 120 MB`,
        ok: s.peakRssMb <= 120,
        detail: `${s.peakRssMb.toFixed(0)} MB`,
      })),
      ...ours.map((s) => ({
        name: `${s.name} ready within 1 s`,
        ok: s.readyMs <= 1_000,
        detail: `${s.readyMs.toFixed(0)} ms`,
      })),
    ];

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
