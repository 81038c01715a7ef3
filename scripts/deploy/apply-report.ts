/** The part of a Kubernetes object that says which one it is and which version of it. */
export interface ObjectVersion {
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string };
}

export type Change = 'created' | 'changed' | 'unchanged';

const key = ({ kind, metadata }: ObjectVersion) =>
  `${kind}/${metadata.namespace ?? ''}/${metadata.name}`;

/**
 * What an apply did to each object. The API server stores an object, and gives it a new
 * resourceVersion, only when something in it changed, so comparing the versions read before
 * the apply with those it returned tells exactly which objects changed.
 */
export function applyReport(
  before: ObjectVersion[],
  after: ObjectVersion[],
): { object: string; change: Change }[] {
  const versions = new Map(before.map((o) => [key(o), o.metadata.resourceVersion]));
  return after.map((o) => {
    const previous = versions.get(key(o));
    return {
      object: `${o.kind}/${o.metadata.name}`,
      change:
        previous === undefined
          ? 'created'
          : previous === o.metadata.resourceVersion
            ? 'unchanged'
            : 'changed',
    };
  });
}

/** Reads `kubectl … --output json`: one object or a List; nothing at all is an empty list. */
export function objectsIn(json: string): ObjectVersion[] {
  if (json.trim() === '') return [];
  const parsed = JSON.parse(json) as ObjectVersion | { kind: 'List'; items: ObjectVersion[] };
  return 'items' in parsed ? parsed.items : [parsed];
}
