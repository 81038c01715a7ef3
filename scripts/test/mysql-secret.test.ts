import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureMysqlSecret } from '../deploy/mysql-secret.js';
import { realShell } from '../lib/shell.js';
import { isolatedPath } from './support/fake-tools.js';

/**
 * A stand-in kubectl that keeps one Secret in a file: `get` lists it, `create` refuses to
 * replace it, as the API server answers AlreadyExists. `racy` makes `get` always miss,
 * like a second deploy creating the Secret between our check and our create.
 */
function cluster({ racy = false } = {}) {
  const { dir } = isolatedPath();
  const store = join(dir, 'secret.json');
  const { dir: bin } = isolatedPath({
    kubectl: `case "$*" in
  *" get secret mysql"*) ${racy ? 'exit 0' : `[ -f ${store} ] && echo secret/mysql; exit 0`} ;;
  *" create --filename -"*) [ -f ${store} ] && { echo 'Error from server (AlreadyExists): secrets "mysql" already exists' >&2; exit 1; }; cat > ${store} ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac`,
  });
  return { command: [join(bin, 'kubectl'), '--context', 'kind-test'], store };
}

const shell = realShell(() => undefined);
const stored = (store: string) =>
  JSON.parse(readFileSync(store, 'utf8')) as { stringData: Record<string, string> };

describe('the MySQL Secret', () => {
  it('when it is absent, then it is created with two different random passwords', async () => {
    const { command, store } = cluster();

    const outcome = await ensureMysqlSecret(shell, command, 'podtalk');

    expect(outcome).toBe('created');
    const { stringData } = stored(store);
    expect(Object.keys(stringData).sort()).toEqual(['password', 'root-password']);
    expect(stringData.password).toMatch(/^[\w-]{32}$/);
    expect(stringData.password).not.toBe(stringData['root-password']);
  });

  it('when it exists, then it is kept exactly as it was', async () => {
    const { command, store } = cluster();
    await ensureMysqlSecret(shell, command, 'podtalk');
    const before = readFileSync(store, 'utf8');

    const outcome = await ensureMysqlSecret(shell, command, 'podtalk');

    expect(outcome).toBe('kept');
    expect(readFileSync(store, 'utf8')).toBe(before);
  });

  it('when another deploy creates it between our check and our create, then ours backs off and keeps theirs', async () => {
    const { command, store } = cluster({ racy: true });
    await ensureMysqlSecret(shell, command, 'podtalk');
    const theirs = readFileSync(store, 'utf8');

    const outcome = await ensureMysqlSecret(shell, command, 'podtalk');

    expect(outcome).toBe('kept');
    expect(readFileSync(store, 'utf8')).toBe(theirs);
  });
});
