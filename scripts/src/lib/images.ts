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

export interface NodeRuntime {
  /** The image's `ENV NODE_OPTIONS`. */
  nodeOptions: string;
  /** The flags between `node` and the script in the image's ENTRYPOINT. */
  nodeFlags: string[];
}

/** How a service's image starts node, so local runs (pnpm bench) match the pods. */
export function imageNodeRuntime(dockerfile: string): NodeRuntime {
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
  const argv = entrypoint ? (JSON.parse(entrypoint) as string[]) : [];
  return {
    nodeOptions: /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile)?.[1] ?? '',
    nodeFlags: argv.slice(1, -1),
  };
}
