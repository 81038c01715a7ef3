import { describe, expect, it } from 'vitest';
import { nameLimit } from '../bench/kind/limit.js';
import { describeLimit } from '../bench/kind/words.js';
import { evidenceOf, pod } from './support/bench-steps.js';

describe('what limited a measured window, named from its evidence', () => {
  it('when the api pods use their quota and are throttled, then the api’s CPU limit, as numbers', () => {
    const evidence = evidenceOf({
      pods: [
        pod('api', 0.098, { name: 'api-a', throttledShare: 0.95 }),
        pod('api', 0.094, { name: 'api-b', throttledShare: 0.8 }),
        pod('db-client', 0.2, { limitCores: 0.4, throttledShare: 0.1 }),
      ],
    });

    expect(nameLimit(evidence)).toEqual({
      cause: 'cpu-limit',
      component: 'api',
      podsAtLimit: 2,
      pods: 2,
      coresPerPod: expect.closeTo(0.096, 5),
      limitCores: 0.1,
      throttledShare: 0.8,
    });
  });

  it('when db-client is at its limit too, then db-client is named: more api pods cannot help', () => {
    const evidence = evidenceOf({
      pods: [pod('api', 0.098), pod('db-client', 0.39, { limitCores: 0.4, throttledShare: 0.7 })],
    });

    expect(nameLimit(evidence)).toMatchObject({ cause: 'cpu-limit', component: 'db-client' });
  });

  it('when a pod uses its quota but is rarely throttled, then it is not at its limit', () => {
    const evidence = evidenceOf({ pods: [pod('api', 0.09, { throttledShare: 0.1 })] });

    expect(nameLimit(evidence).cause).not.toBe('cpu-limit');
  });

  it('when no pod is at its limit and every core is busy, then the machine, with the hypervisor’s steal', () => {
    const evidence = evidenceOf({
      pods: [pod('api', 0.05, { throttledShare: 0.2 })],
      kernel: { cores: 2, busy: 1.9, user: 1.2, kernel: 0.5, softirq: 0.2, steal: 0.2 },
    });

    expect(nameLimit(evidence)).toEqual({
      cause: 'machine',
      busyCores: 1.9,
      cores: 2,
      stealCores: 0.2,
    });
  });

  it('when the load generator fills its one core, then the load generator', () => {
    const evidence = evidenceOf({ generatorCores: 0.95 });

    expect(nameLimit(evidence)).toEqual({ cause: 'load-generator', cores: 0.95 });
  });

  it('when docker-proxy fills a core relaying localhost, then docker-proxy', () => {
    const evidence = evidenceOf({ dockerProxyCores: 0.97 });

    expect(nameLimit(evidence)).toEqual({ cause: 'docker-proxy', cores: 0.97 });
  });

  it('when nothing is full, then unknown, said with the numbers that rule each cause out', () => {
    const evidence = evidenceOf({
      pods: [pod('api', 0.04, { throttledShare: 0 }), pod('db-client', 0.1, { limitCores: 0.4 })],
      dockerProxyCores: 0.3,
    });
    const limit = nameLimit(evidence);

    expect(limit).toEqual({ cause: 'unknown' });
    expect(describeLimit(limit, evidence)).toBe(
      'unknown: no pod at its limit (busiest: api 0.04 of 0.10, db-client 0.10 of 0.40); the machine 1.00 of 2 cores; the load generator 0.20 cores; docker-proxy 0.30 cores; 16 requests in flight, p50 150 ms',
    );
  });
});
