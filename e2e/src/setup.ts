import { inject } from 'vitest';
import { bindKubectl } from '@podtalk/cluster-kit';

/** kubectl pinned to the kind context the global setup approved, in podtalk's namespace. */
export const kubeForSuite = () => bindKubectl(inject('kubeContext'), 'podtalk');
