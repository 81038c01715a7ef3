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
 * Builds both images for the nodes' platforms and pushes them. Every build runs: an unchanged
 * service is all cache hits, and its push sends nothing new, so its digest stays the same.
 */
export const imagesStep = ({ registry, platforms }: ImagesOptions, state: DeployState): Step => ({
  title: `Build the images for the nodes, and push them to ${registry}`,
  async run(shell) {
    const builder = state.builder;
    if (!builder) throw new Error('the preflight did not say how docker builds here');
    const targets = await platforms(shell);
    shell.log(`the nodes run ${targets.join(' and ')}`);
    for (const service of SERVICES) {
      const image = registryImage(registry, service, contentTag(service));
      const metadataFile = join(tmpdir(), `podtalk-${service}-build.json`);
      await shell.run(buildImage({ service, image, builder, platforms: targets, metadataFile }), {
        show: true,
      });
      if (targets.length > 1) state.pushed[service] = { image, metadataFile };
      else state.pushed[service] = { image, output: await push(shell, registry, image) };
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
