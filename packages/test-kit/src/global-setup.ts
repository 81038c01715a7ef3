import type { TestProject } from 'vitest/node';
import './provided-context.js';
import { redact, resolveMysqlServer } from './mysql-server.js';

/** Vitest globalSetup: one server for the whole run; each test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const server = await resolveMysqlServer();
  console.info(`[test-kit] MySQL from ${server.source}: ${redact(server.url)}`);
  project.provide('mysqlServerUrl', server.url);
  return () => server.stop();
}
