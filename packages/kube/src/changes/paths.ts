/**
 * Paths of objects the change pipeline reads that are not kinds Portico syncs or edits (an
 * Expose source such as a ReplicaSet or Pod, the pods a Service selects). The edited object's
 * own path is `objectPath` (`../object-writes.ts`), from the catalogue of synced kinds.
 */

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** `/api/v1/namespaces/ns/pods` or `/apis/group/version/…`; names are escaped, though contracts already allow only DNS names. */
export function pathOf(ref: { apiVersion: string; plural: string; namespace: string; name?: string }): string {
  const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const scope = ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : '';
  return `${base}${scope}/${ref.plural}${ref.name !== undefined ? `/${encodeURIComponent(ref.name)}` : ''}`;
}
