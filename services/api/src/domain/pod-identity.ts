/** Who this process is, as the Downward API tells it (or the laptop, outside a cluster). */
export interface PodIdentity {
  name: string;
  namespace: string | null;
  node: string | null;
  ip: string | null;
  version: string;
  startedAt: Date;
}
