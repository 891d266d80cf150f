import { parseDocument, stringify } from 'yaml';

/** Fields the apiserver writes: applying them back would fail (resourceVersion) or do nothing. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/**
 * A synced object's YAML as a starting point for "Edit as YAML": without `status` and the
 * fields the apiserver owns, so what is applied is only what a person means to set.
 * Comments and key order are kept (the `yaml` document model, not a parse-and-dump).
 */
export function editableYaml(synced: string): string {
  const doc = parseDocument(synced);
  if (doc.errors.length > 0 || !doc.contents) return synced;
  doc.delete('status');
  for (const key of SERVER_METADATA) doc.deleteIn(['metadata', key]);
  return doc.toString();
}

/**
 * An object without `status` and the metadata the apiserver writes, as YAML: the change page's
 * before → after then shows what the change did, not the bookkeeping every write bumps.
 */
export function objectYaml(obj: Record<string, unknown> | null): string {
  if (!obj) return '';
  const entries = Object.entries(obj)
    .filter(([k]) => k !== 'status')
    .map(([k, v]) => [k, k === 'metadata' && v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([m]) => !SERVER_METADATA.includes(m))) : v]);
  return stringify(Object.fromEntries(entries));
}

export { stringify as toYaml, parse as parseYaml } from 'yaml';
