import type { Command } from '../lib/command.js';

/** Everything podtalk runs lives in one namespace. */
export const NAMESPACE = 'podtalk';
// Server-side apply under one name: the API server tracks which fields podtalk's tools own.
export const FIELD_MANAGER = 'podtalk-deploy';

/** kubectl for the kind cluster `name`: every call names its context, never whatever is current. */
export const kubectlFor = (cluster: string): Command => ['kubectl', '--context', `kind-${cluster}`];

/**
 * Server-side apply under podtalk's field manager. The manifests are the source of truth:
 * --force-conflicts takes back a hand-made change (kubectl scale, say) as client-side apply would.
 * --validate=strict: the API server refuses a field its schema does not know, a misspelling say.
 */
export const serverSideApply = (kubectl: Command): Command => [
  ...kubectl,
  'apply',
  '--server-side',
  '--validate=strict',
  '--field-manager',
  FIELD_MANAGER,
  '--force-conflicts',
];
