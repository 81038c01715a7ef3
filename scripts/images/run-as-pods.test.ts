import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  getContainerRuntimeClient,
  Network,
  Wait,
  type StartedNetwork,
  type StartedTestContainer,
  type WaitStrategy,
} from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkload, renderKindOverlay } from '../kube/manifests.js';
import { run } from '@podtalk/cluster-kit';
import { REPO_ROOT } from '../lib/paths.js';
import { BUILDKIT_MISSING, detectBuilder } from './builder.js';
import { contentTag } from './content-tag.js';
import { buildImage, localImage, SERVICES } from './images.js';
import { containerOf, podContainer, podOf } from './pod-container.js';

// Both images built as pnpm deploy:kind builds them, then run as their pods run them, beside
// MySQL, on a Docker network whose aliases are the Services' DNS names.
const objects = renderKindOverlay();
const workload = (name: string) => findWorkload(objects, name);
const secrets = {
  mysql: {
    password: randomBytes(12).toString('hex'),
    'root-password': randomBytes(12).toString('hex'),
  },
};
const secretsDir = mkdtempSync(join(tmpdir(), 'podtalk-images-'));
let network: StartedNetwork;
const started: Record<string, StartedTestContainer> = {};

async function buildImages() {
  const builder = await detectBuilder((command, input) =>
    run(command, { timeoutMs: 10_000, ...(input === undefined ? {} : { stdin: input }) }),
  );
  if (!builder) throw new Error(BUILDKIT_MISSING);
  for (const service of SERVICES) {
    const image = localImage(service, contentTag(service));
    const build = await run(buildImage({ service, image, builder }), {
      cwd: REPO_ROOT,
      show: true,
    });
    if (build.code !== 0) throw new Error(`building ${service} exited ${build.code}`);
  }
}

const images: Record<string, string> = {
  api: localImage('api', contentTag('api')),
  'db-client': localImage('db-client', contentTag('db-client')),
  mysql: containerOf(workload('mysql')).image ?? 'mysql',
};
const readyz = (): WaitStrategy => Wait.forHttp('/readyz', 8080).forStatusCode(200);

/** Starts a pod of `name`, reachable on the network by its Service's name, as `podName`. */
async function startPod(name: string, podName: string, ready?: WaitStrategy) {
  const container = podContainer(workload(name), {
    image: images[name] ?? name,
    podName,
    secretsDir,
    secrets,
  })
    .withNetwork(network)
    .withNetworkAliases(`${name}.podtalk.svc.cluster.local`);
  // An anonymous volume stands in for MySQL's volume claim.
  if (name === 'mysql') container.withTmpFs({ '/var/lib/mysql': 'uid=999,gid=999' });
  if (ready) container.withExposedPorts(8080).withWaitStrategy(ready).withStartupTimeout(180_000);
  const running = await container.start();
  started[podName] = running;
  return running;
}

/** A pod started in beforeAll, by name. */
function pod(name: string): StartedTestContainer {
  const container = started[name];
  if (!container) throw new Error(`${name} did not start`);
  return container;
}

const inspect = async (container: StartedTestContainer) => {
  const client = await getContainerRuntimeClient();
  return client.container.inspect(client.container.getById(container.getId()));
};

beforeAll(async () => {
  await buildImages();
  network = await new Network().start();
  await startPod('mysql', 'mysql-0');
  // db-client waits for MySQL by itself, and is ready only once it answers and is migrated.
  await startPod('db-client', 'db-client-0', readyz());
  await startPod('api', 'api-0', readyz());
});
afterAll(async () => {
  for (const container of Object.values(started)) await container.stop().catch(() => undefined);
  await network.stop();
  rmSync(secretsDir, { recursive: true, force: true });
});

describe('the images, run as their pods run them', () => {
  it.each(['api', 'db-client', 'mysql'])(
    'when %s runs, then it is its pod’s user, on a read-only root, without capabilities',
    async (name) => {
      const { runAsUser, runAsGroup } = podOf(workload(name)).securityContext ?? {};
      const container = pod(`${name}-0`);

      const { Config, HostConfig } = await inspect(container);
      const write = await container.exec(['sh', '-c', 'touch /written-by-the-test']);
      const ids = await container.exec(['id', '-u']);

      expect(Config.User).toBe(`${runAsUser}:${runAsGroup}`);
      expect(ids.output.trim()).toBe(String(runAsUser));
      expect(HostConfig.CapDrop).toEqual(['ALL']);
      expect(HostConfig.SecurityOpt).toContain('no-new-privileges');
      expect(write.exitCode).not.toBe(0);
      expect(write.output).toContain('Read-only file system');
    },
  );

  it('when db-client runs, then its environment names the password file and holds no password', async () => {
    const env = await pod('db-client-0').exec(['env']);

    expect(env.output).toContain('DB_PASSWORD_FILE=/run/secrets/mysql/password');
    expect(env.output).not.toContain(secrets.mysql.password);
    expect(env.output).toContain('POD_NAME=db-client-0');
  });

  it('when a message is written through the api, then it reads back verbatim, and the api names its pod', async () => {
    const api = pod('api-0');
    const url = `http://${api.getHost()}:${api.getMappedPort(8080)}`;
    const text = `hello from the images ${randomBytes(3).toString('hex')} 🚀`;

    const created = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author: 'test:images', text }),
    });
    const { id } = (await created.json()) as { id: number };
    const read = (await (await fetch(`${url}/api/messages/${id}`)).json()) as { text: string };

    expect(created.status).toBe(201);
    expect(created.headers.get('x-served-by')).toBe('api-0');
    expect(created.headers.get('x-upstream-served-by')).toBe('db-client-0');
    expect(read.text).toBe(text);
  });

  it.each(['api', 'db-client'])(
    'when one %s pod is stopped as Kubernetes stops one, then it exits 0 within its grace period',
    async (name) => {
      const grace = podOf(workload(name)).terminationGracePeriodSeconds ?? 30;
      // A pod of its own, so the others go on serving the other tests.
      const container = await startPod(name, `${name}-stopped`, readyz());
      const begun = Date.now();

      await container.stop({ timeout: grace * 1000, remove: false });
      const { State } = await inspect(container);

      expect(State.ExitCode).toBe(0);
      expect(Date.now() - begun).toBeLessThan(grace * 1000);
    },
  );
});
