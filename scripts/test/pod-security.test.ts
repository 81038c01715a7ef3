import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { describe, expect, it } from 'vitest';
import { restrictedViolations } from './support/pod-security.js';

const compliant = (): IPodSpec => ({
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  },
  containers: [
    {
      name: 'app',
      image: 'app:1',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  ],
  volumes: [{ name: 'tmp', emptyDir: {} }],
});

describe('restricted Pod Security checks', () => {
  it('when a pod meets the restricted profile, then there are no violations', () => {
    expect(restrictedViolations(compliant())).toEqual([]);
  });

  it('when a pod breaks baseline and restricted rules, then each is named', () => {
    const pod: IPodSpec = {
      ...compliant(),
      hostNetwork: true,
      securityContext: {},
      volumes: [
        { name: 'tmp', emptyDir: {} },
        { name: 'host', hostPath: { path: '/' } },
      ],
      containers: [
        {
          name: 'app',
          image: 'app:1',
          securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN'] } },
        },
      ],
    };

    expect(restrictedViolations(pod)).toEqual([
      'hostNetwork is true',
      'volume host is a hostPath',
      'container app is privileged',
      'container app must set allowPrivilegeEscalation: false',
      'container app must run as non-root (runAsNonRoot: true)',
      'container app needs seccompProfile RuntimeDefault or Localhost',
      'container app must drop ALL capabilities',
      'container app adds capability NET_ADMIN',
    ]);
  });
});
