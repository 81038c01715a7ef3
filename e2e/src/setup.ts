import { inject } from 'vitest';
import { boundKubectl } from './kubectl.js';

/** kubectl pinned to the kind context the global setup approved, in podtalk's namespace. */
export const kubeForSuite = () => boundKubectl(inject('kubeContext'), 'podtalk');
