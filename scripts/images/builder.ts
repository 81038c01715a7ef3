import type { Builder } from './images.js';

/** A check that runs a command and says how it ended: the preflight's, through its shell. */
export type Probe = (
  command: readonly string[],
  input?: string,
) => Promise<{ code: number; stdout: string }>;

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
  'docker cannot build with BuildKit, which the Dockerfile needs (RUN --mount): ' +
  'install the buildx plugin: https://docs.docker.com/go/buildx/';

/** Which BuildKit route `docker build` can take here, buildx first; undefined when neither. */
export async function detectBuilder(probe: Probe): Promise<Builder | undefined> {
  if ((await probe(BUILDX_VERSION)).code === 0) return 'buildx';
  const builtin = await probe(BUILTIN_BUILDKIT_PROBE, PROBE_DOCKERFILE);
  return builtin.code === 0 ? 'builtin-buildkit' : undefined;
}
