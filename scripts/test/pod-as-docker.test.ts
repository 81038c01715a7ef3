import { describe, expect, it } from 'vitest';
import { findWorkload, renderKindOverlay } from '../src/lib/manifests.js';
import { envOf, securityFlags } from '../src/lib/pod-as-docker.js';

const objects = renderKindOverlay();

describe('a pod template as docker run flags', () => {
  it('when translated, then db-client gets its literal env, its Secret value and its Downward API name', () => {
    const flags = envOf(findWorkload(objects, 'db-client'), 'db-client-x', { password: 's3cret' });

    expect(flags).toEqual(
      expect.arrayContaining([
        'DB_HOST=mysql.podtalk.svc.cluster.local',
        'DB_PASSWORD=s3cret',
        'POD_NAME=db-client-x',
        'SHUTDOWN_DELAY_MS=1000',
      ]),
    );
    expect(flags.filter((flag) => flag === '--env')).toHaveLength(flags.length / 2);
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
