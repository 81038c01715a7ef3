import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '@podtalk/cluster-kit';
import { contentTag } from '../../images/content-tag.js';
import { buildImage, registryImage, SERVICES, type Service } from '../../images/images.js';
import type { Shell } from '../../lib/shell.js';
import type { PushedImage } from '../kustomization.js';
import { pushedDigest } from '../registry.js';
import type { DeployState, Pushed } from '../state.js';
import type { Step } from '../steps.js';

export interface ImagesOptions {
  registry: string;
  /** The platforms the nodes run, read from where they run. */
  platforms: (shell: Shell) => Promise<string[]>;
}

/**
 * Builds both images for the nodes' platforms. Every build runs: an unchanged service is all
 * cache hits, and keeps its digest. For nodes of more than one platform, buildx pushes too.
 */
export const buildStep = ({ registry, platforms }: ImagesOptions, state: DeployState): Step => ({
  title: 'Build the images for the platforms the nodes run',
  async run(shell) {
    const builder = state.builder;
    if (!builder) throw new Error('the preflight did not say how docker builds here');
    state.platforms = await platforms(shell);
    shell.log(`the nodes run ${state.platforms.join(' and ')}`);
    for (const service of SERVICES) {
      const image = registryImage(registry, service, contentTag(service));
      const metadataFile = join(tmpdir(), `podtalk-${service}-build.json`);
      await shell.run(
        buildImage({ service, image, builder, platforms: state.platforms, metadataFile }),
        { show: true },
      );
      state.pushed[service] =
        state.platforms.length > 1 ? { image, metadataFile } : { image, output: '' };
    }
  },
});

/** Pushes what was built: only the layers the registry lacks go, and the digest comes back. */
export const pushStep = (registry: string, state: DeployState): Step => ({
  title: `Push them to ${registry}`,
  async run(shell) {
    for (const service of SERVICES) {
      const pushed = state.pushed[service];
      if (pushed && 'output' in pushed) pushed.output = await push(shell, registry, pushed.image);
    }
  },
});

async function push(shell: Shell, registry: string, image: string): Promise<string> {
  try {
    return await shell.run(['docker', 'push', image], { note: 'only the layers it lacks' });
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new Error(
      `${registry} refused the push of ${image}; nothing in the cluster changed.\n` +
        `docker said: ${(error.result.stderr || error.result.stdout).trim()}`,
      { cause: error },
    );
  }
}

/** Each image by the digest its push reported: what the nodes pull, whatever a tag says later. */
export function pushedImages(pushed: DeployState['pushed']): Record<Service, PushedImage> {
  const entries = SERVICES.map((service): [Service, PushedImage] => {
    const one: Pushed | undefined = pushed[service];
    if (!one) throw new Error(`${service}'s image was not pushed`);
    const digest =
      'output' in one
        ? pushedDigest(one.output, one.image)
        : (JSON.parse(readFileSync(one.metadataFile, 'utf8')) as Record<string, string>)[
            'containerimage.digest'
          ];
    if (!digest) throw new Error(`no digest for ${one.image}`);
    return [service, { name: one.image.replace(/:[^:/]+$/, ''), digest }];
  });
  return Object.fromEntries(entries) as Record<Service, PushedImage>;
}
