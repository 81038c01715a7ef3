import type { ISecret } from 'kubernetes-models/v1/Secret';
import { describe, expect, it } from 'vitest';
import { kubeForSuite, readyPods } from '../../src/index.js';

const kube = kubeForSuite();

/** The Secret's passwords, as the pods would see them. */
async function passwords(): Promise<string[]> {
  const secret = await kube.json<ISecret>(['get', 'secret', 'mysql']);
  return Object.values(secret.data ?? {}).map((value) => Buffer.from(value, 'base64').toString());
}

/** The environment a pod's main process started with, as the kernel keeps it. */
async function environmentOf(pod: string): Promise<string[]> {
  const environ = await kube.run(['exec', pod, '--', 'cat', '/proc/1/environ']);
  return environ.split('\0').filter(Boolean);
}

describe('18. credentials', () => {
  it('when the api and db-client run, then no password is in their processes’ environments', async () => {
    const secrets = await passwords();

    for (const app of ['api', 'db-client']) {
      for (const pod of await readyPods(kube, app)) {
        const environment = await environmentOf(pod.name);
        const leaked = environment.filter((entry) => secrets.some((s) => entry.includes(s)));
        expect(leaked, pod.name).toEqual([]);
      }
    }
  });

  it('when db-client runs, then its password is a read-only file holding the app user’s password, and root’s is not there', async () => {
    const secret = await kube.json<ISecret>(['get', 'secret', 'mysql']);
    const [pod] = await readyPods(kube, 'db-client');

    const listing = await kube.run(['exec', pod!.name, '--', 'ls', '-L', '/run/secrets/mysql']);
    const content = await kube.run(['exec', pod!.name, '--', 'cat', '/run/secrets/mysql/password']);
    const write = await kube
      .run(['exec', pod!.name, '--', 'sh', '-c', 'echo x > /run/secrets/mysql/password'])
      .then(
        () => 'written',
        (error: unknown) => String(error),
      );

    expect(listing.trim().split('\n')).toEqual(['password']);
    expect(content).toBe(Buffer.from(secret.data!.password!, 'base64').toString());
    expect(write).toMatch(/Read-only file system/);
  });
});
