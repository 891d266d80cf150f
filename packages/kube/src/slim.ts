/**
 * What Portico stores of an object: everything useful for showing traffic paths, nothing that
 * is bookkeeping or secret. Secrets keep only the names of their keys, never a value, so no
 * credential can end up in our database, logs or API responses.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
 * @see https://kubernetes.io/docs/concepts/configuration/secret/
 */
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';

/** `kubectl apply` stores the whole applied manifest here, Secret values included. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** A Secret without `data`/`stringData`: only the key names, sorted. */
export type SlimSecret = Omit<V1Secret, 'data' | 'stringData'> & { dataKeys: string[] };

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * List responses omit `kind` on their items, so a Secret is also recognised by shape: the
 * apiserver always sets `type` on Secrets (default `Opaque`), and ConfigMaps have no `type`.
 */
function looksLikeSecret(obj: Dict, kind: string | undefined): boolean {
  if (kind !== undefined) return kind === 'Secret';
  if (obj.kind !== undefined) return obj.kind === 'Secret';
  return typeof obj.type === 'string' && (isDict(obj.data) || isDict(obj.stringData));
}

/**
 * A copy of `obj` without `metadata.managedFields`, the last-applied annotation, Node image
 * lists (hundreds of entries, unused), and Secret values. The input is not modified: the
 * levels this function changes (the object, `metadata`, `annotations`, a Node's `status`) are
 * copied; everything below them is shared with the input (a deep clone of every object of a
 * big list cost the sync more CPU than parsing it).
 * @param kind the object's kind when it came from a list (items have no `kind`)
 */
export function slimObject(obj: V1Secret, kind?: 'Secret'): SlimSecret;
export function slimObject<T extends KubernetesObject>(obj: T, kind?: string): T;
export function slimObject<T extends KubernetesObject>(obj: T, kind?: string): T | SlimSecret {
  const copy = { ...obj } as T & Dict;
  if (copy.metadata) {
    const { managedFields: _managedFields, ...metadata } = copy.metadata;
    if (metadata.annotations) {
      const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...annotations } = metadata.annotations;
      if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
      else delete metadata.annotations;
    }
    copy.metadata = metadata;
  }
  const effectiveKind = kind ?? copy.kind;
  if (effectiveKind === 'Node' && isDict(copy.status)) {
    const { images: _images, ...status } = copy.status;
    (copy as Dict).status = status;
  }
  if (looksLikeSecret(copy, kind)) {
    const keys = new Set([...Object.keys(isDict(copy.data) ? copy.data : {}), ...Object.keys(isDict(copy.stringData) ? copy.stringData : {})]);
    delete copy.data;
    delete copy.stringData;
    return { ...copy, dataKeys: [...keys].sort() };
  }
  return copy;
}
