import { describe, expect, it, onTestFinished } from 'vitest';
import {
  API_URL,
  countServedBy,
  kubeForSuite,
  noteChange,
  pods,
  waitForApiRouting,
  waitForReadyEndpoints,
} from '../../src/index.js';

const kube = kubeForSuite();

describe('9. scaling', () => {
  it('when api scales to 5, then the Service has 5 endpoints, new pods get traffic, and MySQL stays at 1', async () => {
    const scaledUp = noteChange('api scaled to 5 replicas', {
      command: kube.command(['scale', 'deployment/api', '--replicas=3']),
    });
    onTestFinished(async () => {
      await scaledUp.undo();
      await waitForReadyEndpoints(kube, { service: 'api', count: 3 });
    });
    await kube.run(['scale', 'deployment/api', '--replicas=5']);
    const endpoints = await waitForReadyEndpoints(kube, { service: 'api', count: 5 });
    await waitForApiRouting(kube);

    // 150 connections: the chance that one of 5 pods gets none is under 1e-13.
    const counts = await countServedBy(`${API_URL}/api/whoami`, 150);

    expect(Object.keys(counts).sort()).toEqual(endpoints);
    expect(await pods(kube, 'mysql')).toHaveLength(1);
  });

  it('when api scales back to 3, then 3 endpoints remain and MySQL is still 1', async () => {
    await kube.run(['scale', 'deployment/api', '--replicas=3']);

    expect(await waitForReadyEndpoints(kube, { service: 'api', count: 3 })).toHaveLength(3);
    expect(await pods(kube, 'mysql')).toHaveLength(1);
  });
});
