import { describe, expect, it } from 'vitest';
import { containersOf, find, nameOf, objects, podSpecOf, workloads } from '../support/rendered.js';

describe('credentials and the room pods use', () => {
  it('when credentials are needed, then they come from a Secret that is referenced, never committed', () => {
    const secretVolumes = workloads().flatMap((workload) =>
      (podSpecOf(workload).volumes ?? []).flatMap((volume) =>
        volume.secret ? [`${workload.metadata?.name}:${volume.secret.secretName}`] : [],
      ),
    );

    expect(objects.map(nameOf).filter((name) => name.startsWith('Secret/'))).toEqual([]);
    expect(secretVolumes.sort()).toEqual(['db-client:mysql', 'mysql:mysql']);
  });

  it('when a password reaches a container, then it is a read-only file, never an environment variable', () => {
    const files: string[] = [];
    for (const workload of workloads()) {
      const volumes = podSpecOf(workload).volumes ?? [];
      for (const container of containersOf(workload)) {
        const where = `${workload.metadata?.name}/${container.name}`;
        for (const variable of container.env ?? []) {
          expect(variable.valueFrom?.secretKeyRef, `${where} ${variable.name}`).toBeUndefined();
          expect(variable.name, where).not.toMatch(/PASSWORD$|PWD$/);
          if (variable.name.endsWith('_FILE')) files.push(`${where} ${variable.value}`);
        }
        for (const mount of container.volumeMounts ?? []) {
          // The data volume comes from a claim template, not spec.volumes.
          if (volumes.find((v) => v.name === mount.name)?.secret)
            expect(mount.readOnly, `${where} ${mount.mountPath}`).toBe(true);
        }
      }
    }

    expect(files.sort()).toEqual([
      'db-client/db-client /run/secrets/mysql/password',
      'mysql/mysql /run/secrets/mysql/password',
      'mysql/mysql /run/secrets/mysql/root-password',
    ]);
  });

  it('when db-client mounts the Secret, then it gets the app user’s password and not root’s', () => {
    const volume = podSpecOf(find('Deployment', 'db-client')).volumes?.find((v) => v.secret);

    expect(volume?.secret?.items).toEqual([{ key: 'password', path: 'password' }]);
  });

  it('when a pod has an emptyDir, then its size is bounded', () => {
    for (const workload of workloads())
      for (const volume of podSpecOf(workload).volumes ?? [])
        if (volume.emptyDir)
          expect(String(volume.emptyDir.sizeLimit), `${nameOf(workload)}/${volume.name}`).toMatch(
            /^\d+Mi$/,
          );
  });
});
