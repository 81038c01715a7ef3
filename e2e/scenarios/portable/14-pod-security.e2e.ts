import { describe, expect, it } from 'vitest';
import { kubeForSuite } from '../../src/index.js';

const kube = kubeForSuite();

/** A pod as the API server sees it on a server-side dry run: admitted or refused, never created. */
const dryRun = (pod: object) =>
  kube.run(['create', '--dry-run=server', '--filename', '-', '--output', 'name'], {
    input: JSON.stringify(pod),
  });

const pod = (name: string, securityContext: object, podSecurityContext: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'podtalk' },
  spec: {
    securityContext: podSecurityContext,
    containers: [{ name: 'probe', image: 'busybox:1.36', command: ['true'], securityContext }],
  },
});

describe('14. Pod Security admission', () => {
  it('when a privileged pod is sent to the podtalk namespace, then the API server refuses it', async () => {
    const privileged = pod('psa-privileged', { privileged: true });

    await expect(dryRun(privileged)).rejects.toThrow(
      /violates PodSecurity "restricted:v1\.33": privileged/,
    );
  });

  it('when a pod meets the restricted profile, then the same dry run admits it', async () => {
    const restricted = pod(
      'psa-restricted',
      { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    );

    expect((await dryRun(restricted)).trim()).toBe('pod/psa-restricted');
  });
});
