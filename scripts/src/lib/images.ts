import type { Command } from './command.js';

export const SERVICES = ['db-client', 'api'] as const;
export type Service = (typeof SERVICES)[number];

export const imageName = (service: Service, tag: string) => `podtalk/${service}:${tag}`;

/** The one way podtalk builds an image: deploy:kind and test:images both use it. */
export const buildImage = (service: Service, tag: string): Command => [
  'docker',
  'build',
  '--file',
  `services/${service}/Dockerfile`,
  '--tag',
  imageName(service, tag),
  '.',
];
