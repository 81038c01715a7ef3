import { startLoadLoop, type LoadResult } from '@podtalk/cluster-kit';
import { expect } from 'vitest';
import type { ServiceProcess } from './service-process.js';

/**
 * Sends SIGTERM to a service while keep-alive clients load it, and behaves like the
 * Service in front of it: traffic keeps coming for a while after readiness turns 503
 * (endpoint removal takes time to reach every node), then stops.
 * Resolves with the exit code and what the clients saw.
 */
export async function terminateUnderLoad(
  service: ServiceProcess,
  path: string,
): Promise<{ exitCode: number | null; load: LoadResult }> {
  const load = startLoadLoop({ url: `${service.url}${path}`, concurrency: 8 });
  await load.answered(200);

  const exit = service.stop('SIGTERM');
  await expect
    .poll(async () => (await fetch(`${service.url}/readyz`)).status, {
      timeout: 2_000,
      interval: 20,
      message: 'readiness after SIGTERM',
    })
    .toBe(503);
  await load.answered(load.count() + 100);
  const result = await load.stop();
  return { exitCode: await exit, load: result };
}
