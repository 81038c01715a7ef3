import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envOf, secretFolders } from '../images/pod-container.js';
import { findWorkload, renderKindOverlay } from '../kube/manifests.js';

const objects = renderKindOverlay();
const dir = mkdtempSync(join(tmpdir(), 'podtalk-pod-container-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a pod template as a container (pnpm test:images)', () => {
  it('when translated, then db-client gets its literal env and its Downward API name', () => {
    const env = envOf(findWorkload(objects, 'db-client'), 'db-client-x');

    expect(env).toMatchObject({
      DB_HOST: 'mysql.podtalk.svc.cluster.local',
      DB_PASSWORD_FILE: '/run/secrets/mysql/password',
      POD_NAME: 'db-client-x',
      SHUTDOWN_DELAY_MS: '1000',
    });
  });

  it('when translated, then db-client’s Secret volume is a folder holding the password alone', () => {
    const secrets = { mysql: { password: 's3cret', 'root-password': 'r00t' } };

    const mounts = secretFolders(findWorkload(objects, 'db-client'), dir, secrets);

    const source = join(dir, 'db-client-credentials');
    expect(mounts).toEqual([{ source, target: '/run/secrets/mysql' }]);
    expect(readdirSync(source)).toEqual(['password']);
    expect(readFileSync(join(source, 'password'), 'utf8')).toBe('s3cret');
  });
});
