import type { INodeList } from 'kubernetes-models/v1/NodeList';
import { describe, expect, it } from 'vitest';
import { dockerPlatform, platformsOf } from '../deploy/platforms.js';
import { nodes } from './support/answers.js';

const list = (...architectures: string[]) => JSON.parse(nodes(...architectures)) as INodeList;

describe('the platforms images are built for', () => {
  it('when every node is amd64, as on kind on a PC or most clouds, then one image for linux/amd64', () => {
    expect(platformsOf(list('amd64', 'amd64', 'amd64'))).toEqual(['linux/amd64']);
  });

  it('when the nodes are arm64, as on an Apple Silicon laptop or Graviton, then linux/arm64 whatever this machine is', () => {
    expect(platformsOf(list('arm64', 'arm64'))).toEqual(['linux/arm64']);
  });

  it('when the nodes mix architectures, then both, for one multi-platform image', () => {
    expect(platformsOf(list('arm64', 'amd64', 'arm64'))).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('when the cluster lists no nodes, then it says there is nothing to build for', () => {
    expect(() => platformsOf(list())).toThrow('the cluster lists no nodes to build images for');
  });

  it('when docker reports its engine’s architecture, then kind’s nodes run that platform', () => {
    expect(dockerPlatform('arm64\n')).toBe('linux/arm64');
  });
});
