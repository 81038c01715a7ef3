import { describe, expect, it } from 'vitest';
import { restrictedViolations } from '../support/pod-security.js';
import {
  containersOf,
  envValue,
  find,
  nameOf,
  ofKind,
  podSpecOf,
  workloads,
} from '../support/rendered.js';

describe('workloads are production-shaped', () => {
  it('when counted, then api runs 3 replicas, db-client 2 and mysql exactly 1', () => {
    expect(find('Deployment', 'api').spec?.replicas).toBe(3);
    expect(find('Deployment', 'db-client').spec?.replicas).toBe(2);
    expect(find('StatefulSet', 'mysql').spec?.replicas).toBe(1);
  });

  it('when the single MySQL pod is counted, then no disruption budget guards it, so a drain is never blocked', () => {
    const guarded = ofKind('PodDisruptionBudget').map(
      (budget) => budget.spec?.selector?.matchLabels?.['app.kubernetes.io/name'],
    );

    expect(guarded.sort()).toEqual(['api', 'db-client']);
  });

  it('when a container is defined, then it has readiness and liveness probes and cpu, memory and ephemeral-storage requests and limits', () => {
    for (const workload of workloads()) {
      for (const container of containersOf(workload)) {
        const where = `${nameOf(workload)}/${container.name}`;
        expect(container.readinessProbe, where).toBeDefined();
        expect(container.livenessProbe, where).toBeDefined();
        expect(container.startupProbe, where).toBeDefined();
        for (const bounds of [container.resources?.requests, container.resources?.limits])
          expect(Object.keys(bounds ?? {}).sort(), where).toEqual([
            'cpu',
            'ephemeral-storage',
            'memory',
          ]);
      }
    }
  });

  it('when pods are checked as Pod Security Admission would, then every pod passes the restricted profile', () => {
    for (const workload of workloads()) {
      const spec = podSpecOf(workload);
      expect(restrictedViolations(spec), nameOf(workload)).toEqual([]);
      expect(spec.automountServiceAccountToken, nameOf(workload)).toBe(false);
      for (const container of spec.containers)
        expect(container.securityContext?.readOnlyRootFilesystem, container.name).toBe(true);
    }
  });

  it('when images are named, then each has an explicit tag that is not latest, and ours are pulled once, by digest at deploy time', () => {
    for (const container of workloads().flatMap(containersOf)) {
      expect(container.image).toMatch(/^[^:@]+(:[\w.-]+)$/);
      expect(container.image).not.toMatch(/:latest$/);
      if (container.image?.startsWith('podtalk/'))
        expect(container.imagePullPolicy).toBe('IfNotPresent');
    }
    expect(containersOf(find('StatefulSet', 'mysql'))[0]?.image).toMatch(/^mysql:8\.4\.\d+$/);
  });

  it('when a Node.js container has a memory limit, then NODE_OPTIONS caps its heap at half of it', () => {
    for (const name of ['api', 'db-client']) {
      const [container] = containersOf(find('Deployment', name));
      const options = container ? envValue(container, 'NODE_OPTIONS') : undefined;
      const oldSpaceMb = Number(/--max-old-space-size=(\d+)/.exec(options ?? '')?.[1]);
      const limit = String(container?.resources?.limits?.memory ?? '');
      const limitMb = Number(/^(\d+)Mi$/.exec(limit)?.[1]);

      expect(oldSpaceMb, name).toBeGreaterThan(0);
      expect(oldSpaceMb, name).toBeLessThanOrEqual(limitMb / 2);
    }
  });

  it('when pods shut down, then the grace period covers the preStop pause plus the app’s shutdown timeout', () => {
    for (const name of ['api', 'db-client']) {
      const spec = podSpecOf(find('Deployment', name));
      const [container] = spec.containers;
      const env = (key: string) => Number(container ? envValue(container, key) : NaN);
      const preStopSeconds = Number(container?.lifecycle?.preStop?.sleep?.seconds);

      expect(spec.terminationGracePeriodSeconds, name).toBeGreaterThan(
        preStopSeconds + env('SHUTDOWN_TIMEOUT_MS') / 1000,
      );
      expect(env('SHUTDOWN_DELAY_MS'), name).toBeLessThan(env('SHUTDOWN_TIMEOUT_MS'));
    }
  });

  it('when the api rolls out, then it never drops below 3 ready pods and spreads over nodes', () => {
    const api = find('Deployment', 'api');

    expect(api.spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    expect(podSpecOf(api).topologySpreadConstraints?.[0]).toMatchObject({
      topologyKey: 'kubernetes.io/hostname',
      maxSkew: 1,
    });
    expect(find('Service', 'api').spec?.ports?.map((p) => p.targetPort)).toEqual(['http']);
  });
});
