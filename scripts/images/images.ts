import type { Command } from '../lib/command.js';

export const SERVICES = ['db-client', 'api'] as const;
export type Service = (typeof SERVICES)[number];

export const imageName = (service: Service, tag: string) => `podtalk/${service}:${tag}`;

/**
 * How `docker build` gets BuildKit, which the Dockerfiles need (`RUN --mount`): through the
 * buildx plugin, or through an engine whose CLI has BuildKit built in (Docker Engine 20.10 and
 * Debian's docker.io), switched on with DOCKER_BUILDKIT=1. The preflight finds which works.
 */
export type Builder = 'buildx' | 'builtin-buildkit';

/** The one way podtalk builds an image: deploy:kind and test:images both use it. */
export const buildImage = (service: Service, tag: string, builder: Builder): Command => [
  // --load: a buildx builder with another driver would otherwise keep the image to itself.
  ...(builder === 'buildx'
    ? ['docker', 'buildx', 'build', '--load']
    : ['env', 'DOCKER_BUILDKIT=1', 'docker', 'build']),
  '--file',
  `services/${service}/Dockerfile`,
  '--tag',
  imageName(service, tag),
  '.',
];
