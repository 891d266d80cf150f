/**
 * Which lists merge by key (and by which keys) in strategic merge patch and server-side apply.
 * Decided by field name and item shape — a context-free approximation of the
 * `patchMergeKey` / `listMapKeys` markers in the Kubernetes types.
 * @see https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy
 */
import { isPlainObject, type Json } from '../types.js';

const BY_NAME: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  // Gateway API: Gateway listeners, HTTPRoute header matches.
  listeners: ['name'],
  headers: ['name'],
};

/** Map keys for a list under `field`, or `undefined` for an atomic list. */
export function listMapKeys(field: string, items: Json[]): string[] | undefined {
  if (field === 'ports') {
    const first = items.find(isPlainObject);
    if (first && 'containerPort' in first) return ['containerPort', 'protocol'];
    return ['port', 'protocol'];
  }
  return BY_NAME[field];
}

/** Key values of one item; `protocol` defaults to TCP as the apiserver defaults it. */
export function itemKey(keys: string[], item: Json): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const k: Record<string, Json> = {};
  for (const key of keys) {
    const v = item[key] ?? (key === 'protocol' ? 'TCP' : undefined);
    if (v === undefined) continue;
    k[key] = v;
  }
  return Object.keys(k).length ? JSON.stringify(k) : undefined;
}
