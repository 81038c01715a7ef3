import type { Fixture } from '../../lib/shell.js';

const DIGEST = (n: number) => `sha256:${String(n).repeat(64)}`;

/** Every tool of the preflight, present and new enough, docker with buildx. */
export const TOOLS_PRESENT: Fixture[] = [
  [/^node --version$/, 'v20.20.2\n'],
  [/^pnpm --version$/, '10.34.8\n'],
  [/^docker version --format '\{\{\.Server\.Version\}\}'$/, '28.2.2\n'],
  [/^docker buildx version$/, 'github.com/docker/buildx v0.25.0\n'],
  [/^kind version$/, 'kind v0.29.0 go1.24.2 linux/amd64\n'],
  [/^kubectl version --client$/, 'Client Version: v1.33.1\n'],
  [/^curl --version$/, 'curl 8.5.0 (x86_64-pc-linux-gnu)\n'],
  [/^jq --version$/, 'jq-1.7.1\n'],
];

/** What `docker push` prints as its last words, naming the digest it pushed. */
export const PUSHED: Fixture[] = [
  [/^docker push .*db-client/, `abc: digest: ${DIGEST(1)} size: 1234\n`],
  [/^docker push .*api/, `def: digest: ${DIGEST(2)} size: 1234\n`],
];

/** A node list as `kubectl get nodes -o json` prints it, one item per architecture given. */
export const nodes = (...architectures: string[]) =>
  JSON.stringify({
    items: architectures.map((architecture, i) => ({
      metadata: { name: `node-${i}` },
      status: { nodeInfo: { architecture, operatingSystem: 'linux' } },
    })),
  });
