import { run } from './command.js';
import type { Builder } from './images.js';

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

const BUILDX_VERSION = ['docker', 'buildx', 'version'] as const;
// An empty image sent nowhere: it proves DOCKER_BUILDKIT=1 builds, and leaves nothing behind.
const BUILTIN_BUILDKIT_PROBE = [
  'env',
  'DOCKER_BUILDKIT=1',
  'docker',
  'build',
  '--quiet',
  '--output',
  'type=tar,dest=/dev/null',
  '-',
] as const;
const PROBE_DOCKERFILE = 'FROM scratch\nLABEL podtalk.preflight=buildkit\n';

export const BUILDKIT_MISSING =
  'docker cannot build with BuildKit, which the Dockerfiles need (RUN --mount): ' +
  'install the buildx plugin: https://docs.docker.com/go/buildx/';

/** Which BuildKit route `docker build` can take here, buildx first; undefined when neither. */
export async function detectBuilder(timeoutMs = 10_000): Promise<Builder | undefined> {
  if ((await run(BUILDX_VERSION, { capture: true, timeoutMs })).code === 0) return 'buildx';
  const builtin = await run(BUILTIN_BUILDKIT_PROBE, {
    capture: true,
    timeoutMs,
    stdin: PROBE_DOCKERFILE,
  });
  return builtin.code === 0 ? 'builtin-buildkit' : undefined;
}

const BUILDER_NOTE: Record<Builder, string> = {
  buildx: 'builds with buildx',
  'builtin-buildkit': 'builds with its built-in BuildKit',
};

export interface PreflightResult {
  ok: boolean;
  lines: string[];
  /** How images get built; set when docker answers and can use BuildKit. */
  builder?: Builder;
}

/** Checks every tool at once, so one run names everything that is missing. Never hangs. */
export async function preflight(tools = TOOLS, timeoutMs = 10_000): Promise<PreflightResult> {
  let builder: Builder | undefined;
  const results = await Promise.all(
    tools.map(async (tool) => {
      const result = await run(tool.version, { capture: true, timeoutMs });
      if (result.code === 0) {
        const version = result.stdout.trim().split('\n')[0] ?? '';
        if (tool.name !== 'docker') return { ok: true, line: `✓ ${tool.name} ${version}` };
        builder = await detectBuilder(timeoutMs);
        return builder
          ? { ok: true, line: `✓ docker ${version} (${BUILDER_NOTE[builder]})` }
          : { ok: false, line: `✗ ${BUILDKIT_MISSING}` };
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
  return {
    ok: results.every((r) => r.ok),
    lines: results.map((r) => r.line),
    ...(builder ? { builder } : {}),
  };
}
