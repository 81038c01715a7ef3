import type { TestProject } from 'vitest/node';
import { RefusedContext, requireKindContext } from './context-guard.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeContext: string;
  }
}

/** Refuses to start unless the podtalk kind cluster (or the one --cluster named) answers. */
export default async function setup(project: TestProject) {
  try {
    const context = await requireKindContext(process.env.E2E_CLUSTER ?? 'podtalk');
    console.info(`[e2e] running against ${context}`);
    project.provide('kubeContext', context);
  } catch (error) {
    if (!(error instanceof RefusedContext)) throw error;
    // A refusal is an answer, not a crash: one clear line, no stack trace.
    console.error(`\n✗ ${error.message}\n`);
    process.exit(1);
  }
}
