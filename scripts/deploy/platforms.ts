import type { INodeList } from 'kubernetes-models/v1/NodeList';

/**
 * The platforms to build for: one per CPU architecture the nodes report (`linux/amd64`,
 * `linux/arm64`), sorted. An Apple Silicon laptop deploying to amd64 nodes builds for amd64.
 */
export function platformsOf(nodes: INodeList): string[] {
  const platforms = nodes.items.map(
    (node) =>
      `${node.status?.nodeInfo?.operatingSystem ?? 'linux'}/${node.status?.nodeInfo?.architecture ?? ''}`,
  );
  if (platforms.length === 0) throw new Error('the cluster lists no nodes to build images for');
  return [...new Set(platforms)].sort();
}

/** kind's nodes are containers of this machine's Docker engine, so they run its architecture. */
export const dockerPlatform = (architecture: string) => `linux/${architecture.trim()}`;
