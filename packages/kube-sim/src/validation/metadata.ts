/**
 * ObjectMeta rules shared by every kind.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
import type { StatusCause } from '../status.js';
import { fieldInvalid, fieldRequired } from '../status.js';
import type { KubeObject } from '../types.js';
import { dns1123Label, dns1123Subdomain, labelKey, labelValue } from './names.js';

/**
 * Services need DNS labels (they become DNS names): DNS-1123 since Kubernetes 1.34's
 * RelaxedServiceNameValidation (on by default in 1.36), so `1abc` is valid; namespaces too.
 */
const NAME_RULE: Record<string, (v: string) => string[]> = {
  Service: dns1123Label,
  Namespace: dns1123Label,
};

export function validateMetadata(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = obj.metadata.name;
  if (!name) causes.push(fieldRequired('metadata.name', 'name or generateName is required'));
  else for (const m of (NAME_RULE[obj.kind] ?? dns1123Subdomain)(name)) causes.push(fieldInvalid('metadata.name', name, m));
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    for (const m of labelKey(k)) causes.push(fieldInvalid('metadata.labels', k, m));
    if (typeof v !== 'string') causes.push(fieldInvalid(`metadata.labels`, v, 'must be a string'));
    else for (const m of labelValue(v)) causes.push(fieldInvalid('metadata.labels', v, m));
  }
  // ValidateAnnotations checks the key lower-cased (`Example.com/x` is a valid annotation key, not a valid label key).
  for (const k of Object.keys(obj.metadata.annotations ?? {})) for (const m of labelKey(k.toLowerCase())) causes.push(fieldInvalid('metadata.annotations', k, m));
  return causes;
}
