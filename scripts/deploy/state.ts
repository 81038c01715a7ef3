import type { Builder, Service } from '../images/images.js';

/** One image as a step pushed it: what docker printed, or where buildx wrote its metadata. */
export type Pushed = { image: string; output: string } | { image: string; metadataFile: string };

/** What one step of a deploy learns and a later one needs. */
export interface DeployState {
  /** How docker gets BuildKit here: the preflight's finding. */
  builder?: Builder;
  /** The platforms the nodes run, which the images are built for. */
  platforms?: string[];
  /** True when this deploy created the cluster: nothing in it needs reading first. */
  clusterIsNew: boolean;
  pushed: Partial<Record<Service, Pushed>>;
}

export const newDeployState = (): DeployState => ({ clusterIsNew: false, pushed: {} });
