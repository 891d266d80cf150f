/**
 * What every kind's readers share. Objects come from clusters Portico does not control (and
 * from rows stored from them): a field of the wrong type is read as absent, never a crash.
 * The readers take the real Kubernetes types for what the object claims to be, and check each
 * field they read as if it were `unknown`.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/
 */

export type Dict = Record<string, unknown>;

/** An object that claims to be a `T` (or a stored body of one): typed for the reader, checked field by field. */
export type Untrusted<T> = T | Dict;

export const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `v` when it is a plain object, else `{}`. */
export const dictOf = (v: unknown): Dict => (isDict(v) ? v : {});
/** `v` when it is an array, else `[]`. */
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The non-empty strings among `values`. */
export const strings = (values: unknown[]): string[] => values.filter((h): h is string => typeof h === 'string' && h !== '');
export const stringOr = <T>(v: unknown, fallback: T): string | T => (typeof v === 'string' ? v : fallback);
export const numberOr = <T>(v: unknown, fallback: T): number | T => (typeof v === 'number' ? v : fallback);

export const metadataOf = (obj: unknown): Dict => dictOf(dictOf(obj).metadata);
export const specOf = (obj: unknown): Dict => dictOf(dictOf(obj).spec);
export const statusOf = (obj: unknown): Dict => dictOf(dictOf(obj).status);

/** One annotation's value, or null when absent or not a string. */
export const annotationOf = (obj: unknown, key: string): string | null => stringOr(dictOf(metadataOf(obj).annotations)[key], null);

/** A string map (labels, selectors, `matchLabels`): only its string values are kept. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(dictOf(v))) if (typeof value === 'string') out[k] = value;
  return out;
}

/**
 * Addresses from a `status.loadBalancer` (Services and Ingresses share the shape): each
 * entry's IP, else its hostname.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceStatus
 */
export function loadBalancerAddresses(obj: unknown): string[] {
  const ingress = listOf(dictOf(statusOf(obj).loadBalancer).ingress);
  return strings(ingress.map((i) => (isDict(i) ? (stringOr(i.ip, null) ?? i.hostname) : undefined)));
}
