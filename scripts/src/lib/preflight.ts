import { run } from './command.js';

export interface Tool {
  name: string;
  /** Prints the version; for docker it also proves the daemon answers. */
  version: readonly string[];
  install: string;
}

export const TOOLS: Tool[] = [
  {
    name: 'docker',
    version: ['docker', 'version', '--format', '{{.Server.Version}}'],
    install: 'install Docker Desktop or Docker Engine: https://docs.docker.com/get-docker/',
  },
  {
    name: 'kind',
    version: ['kind', 'version'],
    install:
      'install kind v0.29.0 or newer: https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  },
  {
    name: 'kubectl',
    version: ['kubectl', 'version', '--client'],
    install: 'install kubectl: https://kubernetes.io/docs/tasks/tools/',
  },
];

export interface PreflightResult {
  ok: boolean;
  lines: string[];
}

/** Checks every tool at once, so one run names everything that is missing. Never hangs. */
export async function preflight(tools = TOOLS, timeoutMs = 10_000): Promise<PreflightResult> {
  const results = await Promise.all(
    tools.map(async (tool) => {
      const result = await run(tool.version, { capture: true, timeoutMs });
      if (result.code === 0) {
        return { ok: true, line: `✓ ${tool.name} ${result.stdout.trim().split('\n')[0] ?? ''}` };
      }
      if (result.code === 127)
        return { ok: false, line: `✗ ${tool.name} is not installed: ${tool.install}` };
      if (tool.name === 'docker') {
        return {
          ok: false,
          line: '✗ docker is installed but its daemon does not answer: start Docker and retry',
        };
      }
      return {
        ok: false,
        line: `✗ ${tool.name} does not work (exit ${result.code}): ${tool.install}`,
      };
    }),
  );
  return { ok: results.every((r) => r.ok), lines: results.map((r) => r.line) };
}
