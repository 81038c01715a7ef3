import { bindKubectl } from '@podtalk/cluster-kit';
import type { TestProject } from 'vitest/node';
import { startApiClient } from './api-client.js';
import { chooseTarget, RefusedContext } from './context-guard.js';
import { settle } from './settle.js';
import { noteChange } from './undo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeContext: string;
    /** http://api.podtalk.svc.cluster.local, as the suite's api-client pod reaches it. */
    apiUrl: string;
    /** Whether this is podtalk's kind cluster, whose nodes are Docker containers here. */
    onKind: boolean;
  }
}

/**
 * Refuses to start unless the cluster is podtalk's kind cluster, or another one chosen
 * explicitly (run.ts says which); starts the api-client pod; and, whatever the scenarios did,
 * leaves the cluster settled for what comes next.
 */
export default async function setup(project: TestProject) {
  let target;
  try {
    target = await chooseTarget({
      cluster: process.env.E2E_CLUSTER ?? 'podtalk',
      ...(process.env.E2E_CONTEXT ? { context: process.env.E2E_CONTEXT } : {}),
      anyCluster: process.env.E2E_ANY_CLUSTER === 'yes',
    });
  } catch (error) {
    if (!(error instanceof RefusedContext)) throw error;
    // A refusal is an answer, not a crash: one clear line, no stack trace.
    console.error(`\n✗ ${error.message}\n`);
    process.exit(1);
  }
  console.info(`[e2e] running against ${target.context} (${process.env.E2E_SCENARIOS})`);
  const kube = bindKubectl(target.context, 'podtalk');
  // Noted first, so taken back last: after every other change, the cluster settles.
  const settled = noteChange('pods moved and restarted by the scenarios', {
    settle: { context: target.context, respread: target.kind },
  });
  const client = await startApiClient(kube);
  project.provide('kubeContext', target.context);
  project.provide('apiUrl', client.url);
  project.provide('onKind', target.kind);
  return async () => {
    await client.stop();
    await settle(kube, { respread: target.kind });
    settled.forget();
    console.info('[e2e] the cluster is settled: every rollout done, no pod terminating');
  };
}
