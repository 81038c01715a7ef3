import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { GenericContainer } from 'testcontainers';
import type { Workload } from '../kube/manifests.js';

/**
 * A container with the two settings a restricted pod has and testcontainers offers no method
 * for: a read-only root filesystem, and no privilege escalation. It sets them on the
 * container's host config, the way testcontainers' own modules extend GenericContainer.
 */
export class PodContainer extends GenericContainer {
  withReadOnlyRootFilesystem(): this {
    this.hostConfig.ReadonlyRootfs = true;
    return this;
  }

  withNoNewPrivileges(): this {
    this.hostConfig.SecurityOpt = ['no-new-privileges'];
    return this;
  }
}

export function podOf(workload: Workload): IPodSpec {
  const pod = workload.spec?.template.spec;
  if (!pod) throw new Error(`${workload.metadata?.name} has no pod template`);
  return pod;
}

export function containerOf(workload: Workload): IContainer {
  const [container] = podOf(workload).containers;
  if (!container) throw new Error(`${workload.metadata?.name} has no container`);
  return container;
}

/** The container's env as the kubelet fills it: literals and Downward API fields. */
export function envOf(workload: Workload, podName: string): Record<string, string> {
  const downward: Record<string, string> = {
    'metadata.name': podName,
    'metadata.namespace': 'podtalk',
    'spec.nodeName': 'docker',
  };
  return Object.fromEntries(
    (containerOf(workload).env ?? []).flatMap((variable) => {
      const field = variable.valueFrom?.fieldRef?.fieldPath;
      const value = variable.value ?? (field ? downward[field] : undefined);
      return value === undefined ? [] : [[variable.name, value]];
    }),
  );
}

/**
 * The container's Secret volumes as folders of files under `dir`, with only the keys each volume
 * lists, ready to bind-mount read-only where the pod mounts them. Docker has no fsGroup, so the
 * files are readable by all; in the cluster they are 0440 and owned by the pod's group.
 */
export function secretFolders(
  workload: Workload,
  dir: string,
  secrets: Record<string, Record<string, string>>,
): { source: string; target: string }[] {
  const volumes = podOf(workload).volumes ?? [];
  return (containerOf(workload).volumeMounts ?? []).flatMap((mount) => {
    const secret = volumes.find((v) => v.name === mount.name)?.secret;
    if (!secret) return [];
    const data = secrets[secret.secretName ?? ''] ?? {};
    const source = join(dir, `${workload.metadata?.name}-${mount.name}`);
    mkdirSync(source, { recursive: true });
    const items = secret.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    for (const { key, path } of items)
      writeFileSync(join(source, path), data[key] ?? '', { mode: 0o444 });
    return [{ source, target: mount.mountPath }];
  });
}

/**
 * The workload's container as its pod runs it: same image, args, user, read-only root, no
 * capabilities, env and Secret files; its emptyDirs as tmpfs. The data volume is the caller's.
 */
export function podContainer(
  workload: Workload,
  {
    image,
    podName,
    secretsDir,
    secrets,
  }: {
    image: string;
    podName: string;
    secretsDir: string;
    secrets: Record<string, Record<string, string>>;
  },
): PodContainer {
  const pod = podOf(workload);
  const container = containerOf(workload);
  const { runAsUser, runAsGroup } = pod.securityContext ?? {};
  const emptyDirs = (container.volumeMounts ?? []).filter(
    (mount) => pod.volumes?.find((v) => v.name === mount.name)?.emptyDir,
  );
  const built = new PodContainer(image)
    .withUser(`${runAsUser}:${runAsGroup}`)
    .withDroppedCapabilities('ALL')
    .withNoNewPrivileges()
    .withEnvironment(envOf(workload, podName))
    .withTmpFs(
      Object.fromEntries(
        emptyDirs.map((mount) => [mount.mountPath, `uid=${runAsUser},gid=${runAsGroup}`]),
      ),
    )
    .withBindMounts(
      secretFolders(workload, secretsDir, secrets).map((mount) => ({ ...mount, mode: 'ro' })),
    );
  if (container.args) built.withCommand(container.args);
  return container.securityContext?.readOnlyRootFilesystem
    ? built.withReadOnlyRootFilesystem()
    : built;
}
