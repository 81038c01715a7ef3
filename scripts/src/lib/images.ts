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

/** The NODE_OPTIONS a service's image sets, so local runs (pnpm bench) match the pods. */
export function imageNodeOptions(dockerfile: string): string {
  return /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile)?.[1] ?? '';
}
