import type { Command } from '@podtalk/cluster-kit';

export const SERVICES = ['db-client', 'api'] as const;
export type Service = (typeof SERVICES)[number];

/** The one Dockerfile; its SERVICE build argument says which service it builds. */
export const DOCKERFILE = 'services/Dockerfile';

/** An image as it is built here, before any registry: what pnpm test:images runs. */
export const localImage = (service: Service, tag: string) => `podtalk/${service}:${tag}`;

/** The same image in a registry, where the nodes pull it from. */
export const registryImage = (registry: string, service: Service, tag: string) =>
  `${registry}/podtalk/${service}:${tag}`;

/**
 * How `docker build` gets BuildKit, which the Dockerfile needs (`RUN --mount`): through the
 * buildx plugin, or through an engine whose CLI has BuildKit built in (Docker Engine 20.10 and
 * Debian's docker.io), switched on with DOCKER_BUILDKIT=1. The preflight finds which works.
 */
export type Builder = 'buildx' | 'builtin-buildkit';

export interface BuildOptions {
  service: Service;
  image: string;
  builder: Builder;
  /** The nodes' platforms, `linux/arm64` say; none builds for this machine's own. */
  platforms?: readonly string[];
  /** More than one platform: buildx pushes the multi-platform image here, with its digest. */
  metadataFile?: string;
}

/** The one way podtalk builds an image: both deploys and pnpm test:images use it. */
export function buildImage({
  service,
  image,
  builder,
  platforms = [],
  metadataFile,
}: BuildOptions): Command {
  // A multi-platform image cannot be loaded into one engine: buildx pushes it straight away.
  const multi = platforms.length > 1;
  if (multi && builder !== 'buildx')
    throw new Error(
      `the nodes run ${platforms.join(' and ')}: a multi-platform image needs the buildx plugin (https://docs.docker.com/go/buildx/)`,
    );
  return [
    // --load: a buildx builder with another driver would otherwise keep the image to itself.
    ...(builder === 'buildx'
      ? [
          'docker',
          'buildx',
          'build',
          ...(multi ? ['--push', '--metadata-file', metadataFile ?? ''] : ['--load']),
        ]
      : ['env', 'DOCKER_BUILDKIT=1', 'docker', 'build']),
    ...(platforms.length > 0 ? ['--platform', platforms.join(',')] : []),
    '--build-arg',
    `SERVICE=${service}`,
    '--file',
    DOCKERFILE,
    '--tag',
    image,
    '.',
  ];
}
