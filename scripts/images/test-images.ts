import { randomBytes } from 'node:crypto';
import { waitFor } from '@podtalk/test-kit';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../lib/cli.js';
import { run, runOrThrow } from '../lib/command.js';
import { contentTag } from './content-tag.js';
import { buildImage, imageName, SERVICES, type Service } from './images.js';
import { findWorkload, renderKindOverlay, type Workload } from '../kube/manifests.js';
import { REPO_ROOT } from '../lib/paths.js';
import { containerOf, envOf, podOf, secretMounts, securityFlags } from './pod-as-docker.js';
import { BUILDKIT_MISSING, detectBuilder } from './builder.js';

/*
 * Builds both images exactly as deploy:kind does, then runs them the way the manifests do
 * (same uid, read-only root filesystem, no capabilities, same env) next to MySQL, on a Docker
 * network whose aliases are the Services' DNS names. It writes and reads a message through
 * the api, and checks that `docker stop` ends each service with exit 0 within its grace period.
 */

const id = randomBytes(3).toString('hex');
const network = `podtalk-images-${id}`;
const passwords = {
  password: randomBytes(12).toString('hex'),
  'root-password': randomBytes(12).toString('hex'),
};
// The Secret's files, mounted into the containers as the pods mount them.
const secretsDir = mkdtempSync(join(tmpdir(), 'podtalk-images-'));
const containers: string[] = [];
const results: { name: string; ok: boolean }[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const docker = (...args: string[]) =>
  runOrThrow(['docker', ...args], { capture: true, cwd: REPO_ROOT });

function check(name: string, ok: boolean, detail: string) {
  results.push({ name, ok });
  say(`${ok ? '✓' : '✗'} ${name}: ${detail}`);
}

/** Runs the workload's container like its pod: same image, args, env and security context. */
async function start(
  name: string,
  workload: Workload,
  alias: string,
  image: string,
  flags: string[] = [],
) {
  const container = `${network}-${name}`;
  const args = containerOf(workload).args ?? [];
  await docker(
    'run',
    '--detach',
    '--name',
    container,
    '--network',
    network,
    '--network-alias',
    alias,
    ...securityFlags(workload),
    ...envOf(workload, container),
    ...secretMounts(workload, secretsDir, { mysql: passwords }),
    ...flags,
    image,
    ...args,
  );
  containers.push(container);
  return container;
}

async function stopWithinGrace(container: string, workload: Workload) {
  const grace = podOf(workload).terminationGracePeriodSeconds ?? 30;
  const started = Date.now();
  await docker('stop', '--time', String(grace), container);
  const seconds = (Date.now() - started) / 1000;
  const code = (
    await docker('inspect', '--format', '{{.State.ExitCode}}', container)
  ).stdout.trim();
  check(
    `docker stop ${workload.metadata?.name}`,
    code === '0' && seconds < grace,
    `exit ${code} after ${seconds.toFixed(1)} s (grace ${grace} s)`,
  );
}

async function reportImage(service: Service, image: string) {
  const size = async (name: string) =>
    Number((await docker('image', 'inspect', '--format', '{{.Size}}', name)).stdout) / 1e6;
  const dockerfile = readFileSync(`${REPO_ROOT}services/${service}/Dockerfile`, 'utf8');
  const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? 'unknown';
  const [total, baseSize] = [await size(image), await size(base)];
  check(
    `image ${image}`,
    true,
    `${total.toFixed(0)} MB: ${base} ${baseSize.toFixed(0)} MB + podtalk ${(total - baseSize).toFixed(1)} MB`,
  );
}

async function writeAndRead(url: string, apiName: string) {
  const text = `hello from the images ${id} 🚀`;
  const created = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ author: 'test:images', text }),
  });
  const message = (await created.json()) as { id: number };
  const read = (await (await fetch(`${url}/api/messages/${message.id}`)).json()) as {
    text?: string;
  };
  check(
    'write and read a message through the api',
    created.status === 201 && read.text === text,
    `POST ${created.status}, read ${read.text === text ? 'back verbatim' : JSON.stringify(read)}`,
  );
  const servedBy = created.headers.get('x-served-by');
  check(
    'the api names its pod',
    servedBy === apiName,
    `X-Served-By ${servedBy}, X-Upstream-Served-By ${created.headers.get('x-upstream-served-by')}`,
  );
}

main(async () => {
  const objects = renderKindOverlay();
  const [mysql, dbClient, api] = ['mysql', 'db-client', 'api'].map((name) =>
    findWorkload(objects, name),
  ) as [Workload, Workload, Workload];
  const images = Object.fromEntries(
    SERVICES.map((s) => [s, imageName(s, contentTag(s))]),
  ) as Record<Service, string>;
  const builder = await detectBuilder();
  if (!builder) throw new Error(BUILDKIT_MISSING);
  try {
    for (const service of SERVICES) {
      const command = buildImage(service, contentTag(service), builder);
      say(`$ ${command.join(' ')}`);
      await runOrThrow(command, { cwd: REPO_ROOT });
      await reportImage(service, images[service]);
    }

    await docker('network', 'create', network);
    // An anonymous volume stands in for the StatefulSet's volume claim.
    const mysqlName = await start(
      'mysql',
      mysql,
      'mysql.podtalk.svc.cluster.local',
      containerOf(mysql).image ?? 'mysql',
      ['--volume', '/var/lib/mysql'],
    );
    await start('db-client', dbClient, 'db-client.podtalk.svc.cluster.local', images['db-client']);
    const apiName = await start('api', api, 'api.podtalk.svc.cluster.local', images.api, [
      '--publish',
      '127.0.0.1::8080',
    ]);
    const port = (await docker('port', apiName, '8080/tcp')).stdout.trim().split(':').at(-1) ?? '';
    const url = `http://127.0.0.1:${port}`;

    const mysqlAnswers = [
      'docker',
      'exec',
      '--env',
      `MYSQL_PWD=${passwords.password}`,
      mysqlName,
      'mysql',
      '--protocol=TCP',
      '-h',
      '127.0.0.1',
      '-u',
      'podtalk',
      '-e',
      'SELECT 1',
    ];
    await waitFor(async () => (await run(mysqlAnswers, { capture: true })).code === 0, {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: 'MySQL to accept the app user',
    });
    // A read through the api needs the api, a migrated db-client and MySQL all working.
    await waitFor(async () => (await fetch(`${url}/api/messages?limit=1`)).ok, {
      timeoutMs: 60_000,
      intervalMs: 500,
      description: 'a read through api → db-client → MySQL',
    });
    await writeAndRead(url, apiName);

    await stopWithinGrace(apiName, api);
    await stopWithinGrace(`${network}-db-client`, dbClient);
  } catch (error) {
    for (const container of containers) {
      say(`\n--- last logs of ${container}`);
      await run(['docker', 'logs', '--tail', '30', container]);
    }
    throw error;
  } finally {
    for (const container of containers)
      await run(['docker', 'rm', '--force', '--volumes', container], { capture: true });
    await run(['docker', 'network', 'rm', network], { capture: true });
    rmSync(secretsDir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  say(`\n${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
});
