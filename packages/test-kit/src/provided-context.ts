// The augmentation below needs vitest's types in scope.
import type {} from 'vitest';

/** What the global setup hands to every test file through vitest's inject(). */
declare module 'vitest' {
  export interface ProvidedContext {
    mysqlServerUrl: string;
  }
}
