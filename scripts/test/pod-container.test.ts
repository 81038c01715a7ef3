import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findWorkload, renderKindOverlay } from '../kube/manifests.js';
import { envOf, secretMounts, securityFlags } from '../images/pod-as-docker.js';

const objects = renderKindOverlay();

describe('a pod template as docker run flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podtalk-pod-as-docker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when translated, then db-client gets its literal env and its Downward API name', () => {
    const flags = envOf(findWorkload(objects, 'db-client'), 'db-client-x');

    expect(flags).toEqual(
      expect.arrayContaining([
        'DB_HOST=mysql.podtalk.svc.cluster.local',
        'DB_PASSWORD_FILE=/run/secrets/mysql/password',
        'POD_NAME=db-client-x',
        'SHUTDOWN_DELAY_MS=1000',
      ]),
    );
    expect(flags.filter((flag) => flag === '--env')).toHaveLength(flags.length / 2);
  });

  it('when translated, then db-client’s Secret volume is a read-only mount of the password alone', () => {
    const secrets = { mysql: { password: 's3cret', 'root-password': 'r00t' } };

    const flags = secretMounts(findWorkload(objects, 'db-client'), dir, secrets);

    expect(flags).toEqual([
      '--volume',
      `${join(dir, 'db-client-credentials')}:/run/secrets/mysql:ro`,
    ]);
    const source = join(dir, 'db-client-credentials');
    expect(readdirSync(source)).toEqual(['password']);
    expect(readFileSync(join(source, 'password'), 'utf8')).toBe('s3cret');
  });

  it('when translated, then the api runs as its uid, read-only, without capabilities, with /tmp writable', () => {
    expect(securityFlags(findWorkload(objects, 'api'))).toEqual([
      '--user',
      '10001:10001',
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges',
      '--read-only',
      '--tmpfs',
      '/tmp:uid=10001,gid=10001',
    ]);
  });
});
