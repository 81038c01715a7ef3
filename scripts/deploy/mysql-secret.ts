import { randomBytes } from 'node:crypto';
import { CommandError, type Command } from '@podtalk/cluster-kit';
import type { Shell } from '../lib/shell.js';

export const SECRET_NAME = 'mysql';

const password = () => randomBytes(24).toString('base64url');

/** The Secret the manifests reference, with fresh random passwords. */
export function mysqlSecretManifest(namespace: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: SECRET_NAME,
      namespace,
      labels: { 'app.kubernetes.io/name': 'mysql', 'app.kubernetes.io/part-of': 'podtalk' },
    },
    type: 'Opaque',
    stringData: { 'root-password': password(), password: password() },
  };
}

export const getSecret = (kubectl: Command, namespace: string): Command => [
  ...kubectl,
  '--namespace',
  namespace,
  'get',
  'secret',
  SECRET_NAME,
  '--ignore-not-found',
  '--output',
  'name',
];

// `create`, never `apply`: if the Secret appeared meanwhile, this fails instead of replacing it.
export const createSecret = (kubectl: Command): Command => [
  ...kubectl,
  'create',
  '--filename',
  '-',
];

/**
 * Creates the MySQL Secret only if it is absent. An existing one is never touched:
 * the data on MySQL's volume was initialised with its passwords. A cluster this deploy has
 * just created has none to look for.
 */
export async function ensureMysqlSecret(
  shell: Shell,
  kubectl: Command,
  namespace: string,
  { clusterIsNew = false } = {},
): Promise<'created' | 'kept'> {
  if (!clusterIsNew && (await shell.read(getSecret(kubectl, namespace))).trim() !== '')
    return 'kept';
  try {
    await shell.run(createSecret(kubectl), {
      input: JSON.stringify(mysqlSecretManifest(namespace)),
      note: 'only if absent; random passwords on stdin; an existing Secret is never replaced',
    });
    return 'created';
  } catch (error) {
    // Another deploy created it a moment ago: keep that one.
    if (error instanceof CommandError && error.result.stderr.includes('AlreadyExists'))
      return 'kept';
    throw error;
  }
}
