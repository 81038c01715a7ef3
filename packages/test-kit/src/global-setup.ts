// The augmentation below needs vitest's types in scope.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { redact, resolveMysqlServer } from './mysql-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlServerUrl: string;
  }
}

/** Vitest globalSetup: one server for the whole run; each test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const server = await resolveMysqlServer();
  console.info(`[test-kit] MySQL from ${server.source}: ${redact(server.url)}`);
  project.provide('mysqlServerUrl', server.url);
  return () => server.stop();
}
