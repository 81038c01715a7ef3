import { describe, expect, it } from 'vitest';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import { takeReading } from '../bench/kind/readings.js';
import type { Command } from '../lib/command.js';
import type { Shell } from '../lib/shell.js';

const CPU_STAT = `usage_usec 2820542
nr_periods 3091
nr_throttled 6
throttled_usec 82437
cpu_max 10000 100000`;

const pod = (name: string, component: string, labels: Record<string, string> = {}): IPod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { 'app.kubernetes.io/name': component, ...labels } },
  spec: { nodeName: 'podtalk-worker', containers: [] },
  status: { phase: 'Running' },
});

/** A cluster that answers the reads: the pod list as given, and every cgroup alike. */
function clusterWith(pods: IPodList): Shell {
  return {
    dryRun: false,
    run: (command: Command) =>
      Promise.resolve(command.includes('pods') ? JSON.stringify(pods) : CPU_STAT),
    probe: () => Promise.reject(new Error('not probed')),
    write: () => undefined,
    log: () => undefined,
  };
}

describe('the bench’s reading around a window', () => {
  it('when an api pod is out of the Service, then it is not read, and every other podtalk pod is', async () => {
    const pods: IPodList = {
      apiVersion: 'v1',
      kind: 'PodList',
      items: [
        pod('api-a', 'api', { 'podtalk.dev/bench-serving': 'yes' }),
        pod('api-b', 'api', { 'podtalk.dev/bench-serving': 'no' }),
        pod('api-c', 'api'),
        pod('db-client-a', 'db-client'),
        pod('mysql-0', 'mysql'),
      ],
    };

    const reading = await takeReading({
      shell: clusterWith(pods),
      kubectl: ['kubectl'],
      nodes: [],
      viaDockerProxy: false,
    });

    expect(Object.keys(reading.pods).sort()).toEqual(['api-a', 'db-client-a', 'mysql-0']);
    expect(reading.pods['api-a']?.account.limitCores).toBe(0.1);
  });
});
