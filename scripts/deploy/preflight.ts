import { BUILDKIT_MISSING, detectBuilder, type Probe } from '../images/builder.js';
import type { Builder } from '../images/images.js';

export interface Tool {
  name: string;
  /** Prints the version; for docker it also proves the daemon answers. */
  version: readonly string[];
  /**
   * The oldest version that works, found in what `version` prints by `parse`'s first group, and
   * the first that no longer does, when there is one.
   */
  minimum?: { version: string; parse: RegExp; below?: string };
  install: string;
  /** Only the README's walkthrough needs it: a missing one is reported, and the deploy goes on. */
  walkthroughOnly?: boolean;
  /** Only pnpm deploy:kind needs it. */
  kindOnly?: boolean;
}

const SEMVER = /v?(\d+\.\d+\.\d+)/;

/** Every prerequisite the README lists, with its minimum version. */
export const TOOLS: Tool[] = [
  {
    name: 'node',
    version: ['node', '--version'],
    minimum: { version: '20.19.0', parse: SEMVER },
    install: 'install Node.js 20.19 or newer: https://nodejs.org/',
  },
  {
    name: 'pnpm',
    version: ['pnpm', '--version'],
    minimum: { version: '10.34.8', parse: SEMVER },
    install: 'npm install --global pnpm@10.34.8',
  },
  {
    name: 'docker',
    version: ['docker', 'version', '--format', '{{.Server.Version}}'],
    install: 'install Docker Desktop or Docker Engine: https://docs.docker.com/get-docker/',
  },
  {
    name: 'kind',
    version: ['kind', 'version'],
    // k8s/kind/cluster.yaml pins node images built for this kind release.
    minimum: { version: '0.29.0', parse: SEMVER, below: '0.30.0' },
    install: 'install kind v0.29.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
    kindOnly: true,
  },
  {
    name: 'kubectl',
    version: ['kubectl', 'version', '--client'],
    // The nodes run Kubernetes v1.33; kubectl supports one minor version either side of its server.
    minimum: { version: '1.32.0', parse: SEMVER, below: '1.35.0' },
    install: 'install kubectl v1.32, v1.33 or v1.34: https://kubernetes.io/docs/tasks/tools/',
  },
  {
    name: 'curl',
    version: ['curl', '--version'],
    // --retry-connrefused, which the walkthrough uses, came in 7.52.
    minimum: { version: '7.52.0', parse: /curl (\d+\.\d+\.\d+)/ },
    install: 'install curl from your package manager',
    walkthroughOnly: true,
  },
  {
    name: 'jq',
    version: ['jq', '--version'],
    minimum: { version: '1.6.0', parse: /jq-(\d+\.\d+(?:\.\d+)?)/ },
    install: 'install jq: https://jqlang.org/download/',
    walkthroughOnly: true,
  },
];

/** Whether `version` is at least `minimum`, both as dotted numbers. */
export function atLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.split('.').map(Number);
  const [have, need] = [parts(version), parts(minimum)];
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const difference = (have[i] ?? 0) - (need[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
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

interface Check {
  /** False only for what the deploy itself cannot do without. */
  ok: boolean;
  line: string;
}

/** One tool: present, new enough, and, for docker, able to build with BuildKit. */
async function check(tool: Tool, probe: Probe): Promise<Check & { builder?: Builder | undefined }> {
  const fail = (line: string): Check =>
    tool.walkthroughOnly
      ? { ok: true, line: `⚠ ${line} (the walkthrough needs it)` }
      : { ok: false, line: `✗ ${line}` };
  const result = await probe(tool.version);
  if (result.code === 127) return fail(`${tool.name} is not installed: ${tool.install}`);
  if (result.code !== 0) {
    return tool.name === 'docker'
      ? fail('docker is installed but its daemon does not answer: start Docker and retry')
      : fail(`${tool.name} does not work (exit ${result.code}): ${tool.install}`);
  }
  const printed = result.stdout.trim().split('\n')[0] ?? '';
  const found = tool.minimum?.parse.exec(result.stdout)?.[1];
  if (tool.minimum && (!found || !atLeast(found, tool.minimum.version)))
    return fail(
      `${tool.name} ${found ?? `(${printed})`} is older than ${tool.minimum.version}: ${tool.install}`,
    );
  const below = tool.minimum?.below;
  if (found && below && atLeast(found, below))
    return fail(`${tool.name} ${found} is ${below} or newer: ${tool.install}`);
  if (tool.name !== 'docker') return { ok: true, line: `✓ ${tool.name} ${found ?? printed}` };
  const builder = await detectBuilder(probe);
  return builder
    ? { ok: true, line: `✓ docker ${printed} (${BUILDER_NOTE[builder]})`, builder }
    : fail(BUILDKIT_MISSING);
}

/**
 * Checks every tool, one after another, so one run names everything that is missing or too
 * old, in the README's order. Each probe has a time limit: it never hangs.
 */
export async function preflight(tools: Tool[], probe: Probe): Promise<PreflightResult> {
  const results = [];
  for (const tool of tools) results.push(await check(tool, probe));
  const builder = results.find((r) => r.builder)?.builder;
  return {
    ok: results.every((r) => r.ok),
    lines: results.map((r) => r.line),
    ...(builder ? { builder } : {}),
  };
}
