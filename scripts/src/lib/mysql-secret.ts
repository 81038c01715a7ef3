import { randomBytes } from 'node:crypto';
import { run, type Command, CommandError } from './command.js';

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
 * the data on MySQL's volume was initialised with its passwords.
 */
export async function ensureMysqlSecret(
  kubectl: Command,
  namespace: string,
): Promise<'created' | 'kept'> {
  const existing = await run(getSecret(kubectl, namespace), { capture: true });
  if (existing.code !== 0) throw new CommandError(getSecret(kubectl, namespace), existing);
  if (existing.stdout.trim() !== '') return 'kept';
  const created = await run(createSecret(kubectl), {
    capture: true,
    stdin: JSON.stringify(mysqlSecretManifest(namespace)),
  });
  if (created.code === 0) return 'created';
  if (created.stderr.includes('AlreadyExists')) return 'kept';
  throw new CommandError(createSecret(kubectl), created);
}
