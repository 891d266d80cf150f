/**
 * Gateway API HTTPRoute basics (the CRD's OpenAPI and CEL rules, a useful subset).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute
 */
import { fieldInvalid, fieldNotSupported, fieldRequired, type StatusCause } from '../status.js';
import type { KubeObject } from '../types.js';
import { isIPv4, wildcardOrSubdomain } from './names.js';

const MATCH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];

export function validateHTTPRoute(route: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = (route.spec ?? {}) as Record<string, unknown>;
  const parents = Array.isArray(spec.parentRefs) ? (spec.parentRefs as Record<string, unknown>[]) : [];
  if (parents.length > 32) causes.push(fieldInvalid('spec.parentRefs', parents.length, 'must have at most 32 items'));
  parents.forEach((p, i) => {
    if (typeof p.name !== 'string' || !p.name) causes.push(fieldRequired(`spec.parentRefs[${i}].name`));
  });
  const hostnames = Array.isArray(spec.hostnames) ? (spec.hostnames as string[]) : [];
  hostnames.forEach((h, i) => {
    if (isIPv4(h)) causes.push(fieldInvalid(`spec.hostnames[${i}]`, h, 'must be a hostname, not an IP address'));
    else for (const m of wildcardOrSubdomain(h)) causes.push(fieldInvalid(`spec.hostnames[${i}]`, h, m));
  });
  const rules = Array.isArray(spec.rules) ? (spec.rules as Record<string, unknown>[]) : [];
  rules.forEach((r, i) => {
    const matches = Array.isArray(r.matches) ? (r.matches as Record<string, unknown>[]) : [];
    matches.forEach((m, j) => {
      const path = m.path as { type?: string; value?: string } | undefined;
      if (!path) return;
      const t = path.type ?? 'PathPrefix';
      if (!MATCH_TYPES.includes(t)) causes.push(fieldNotSupported(`spec.rules[${i}].matches[${j}].path.type`, t, MATCH_TYPES));
      if (t !== 'RegularExpression' && path.value !== undefined && !path.value.startsWith('/'))
        causes.push(fieldInvalid(`spec.rules[${i}].matches[${j}].path.value`, path.value, 'value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']'));
    });
    const refs = Array.isArray(r.backendRefs) ? (r.backendRefs as Record<string, unknown>[]) : [];
    refs.forEach((b, j) => {
      const f = `spec.rules[${i}].backendRefs[${j}]`;
      if (typeof b.name !== 'string' || !b.name) causes.push(fieldRequired(`${f}.name`));
      const isService = (b.group === undefined || b.group === '') && (b.kind === undefined || b.kind === 'Service');
      if (isService && b.port === undefined) causes.push(fieldInvalid(f, b, 'Must have port for Service reference'));
      if (typeof b.port === 'number' && (b.port < 1 || b.port > 65535)) causes.push(fieldInvalid(`${f}.port`, b.port, 'must be between 1 and 65535, inclusive'));
    });
  });
  return causes;
}
