/**
 * What the apiserver's refusal means for a change, in plain words: the fields at fault (named
 * as the request names them), the field managers in conflict, and whether trying again later
 * can help (a timeout or a 503 can; an invalid object or a 403 cannot).
 */
import type { TChangeError } from '@portico/contracts';
import { KubeHttpError, fieldManagerConflicts } from '../client.js';
import { ingressFormField } from '../kinds/ingress-build.js';
import { gatewayApiFields } from '../kinds/httproute-build.js';

export interface KubeFailure extends TChangeError {
  retryable: boolean;
  retryAfterSeconds?: number;
}

/** Maps an apiserver field path (`spec.ports[0].nodePort`) to the request's (`change.ports.0.nodePort`). */
export type FieldMapper = (apiField: string) => string;

/** For requests shaped like a Service form: spec fields keep their names, `spec.type` is `serviceType`. */
export const serviceFormFields: FieldMapper = (apiField) => {
  const path = apiField
    .replace(/^\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.');
  if (path[0] === 'metadata') return path[1] === 'name' || path[1] === 'namespace' || path[1] === 'labels' ? `change.${path[1]}` : 'change';
  if (path[0] !== 'spec' || path.length < 2) return 'change';
  const [, goField = '', ...rest] = path;
  // The apiserver still names a few spec fields the Go way (`spec.LoadBalancerSourceRanges[0]`); the request uses the JSON name.
  const field = goField.charAt(0).toLowerCase() + goField.slice(1);
  if (field === 'type') return 'change.serviceType';
  if (field === 'clusterIP' || field === 'clusterIPs') return 'change.headless';
  return ['change', field, ...rest].join('.');
};

/** Every field of a YAML edit is the `yaml` field; the reason says which part of the object. */
export const yamlFields: FieldMapper = () => 'change.yaml';

const GATEWAY_API_CHANGES = new Set(['httpRoute', 'gatewayListeners', 'referenceGrant']);

/** The mapper for a change type's request shape (each editor names its fields as its form does). */
export const fieldMapperFor = (type: string): FieldMapper =>
  type === 'yaml' ? yamlFields : type === 'ingress' ? ingressFormField : GATEWAY_API_CHANGES.has(type) ? gatewayApiFields : serviceFormFields;

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * A server-side apply config the apiserver cannot type (a repeated list-map key such as two ports
 * 53/TCP, a field the schema lacks) is answered with a bare 500, no reason and no causes, e.g.
 * `failed to create typed patch object (ns/name; /v1, Kind=Service): .spec.ports: duplicate entries for key [port=53,protocol="TCP"]`.
 * It is the object's fault: retrying cannot help, and the field is in the message.
 */
const UNTYPABLE_APPLY = /^failed to create typed patch object \([^)]*\): (\.\S+?): (.+)$/s;

export function describeKubeFailure(err: unknown, mapField: FieldMapper): KubeFailure {
  if (!(err instanceof KubeHttpError)) {
    // No answer at all: the connection failed or timed out. The code (ECONNREFUSED…) says which; never the message, which may hold an address list.
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : ((err as Error)?.name ?? 'Error');
    return { reason: 'Unreachable', message: `The cluster could not be reached (${code}); Portico will try again.`, fields: [], conflicts: [], retryable: true };
  }
  const conflicts = fieldManagerConflicts(err);
  const serverMessage = err.serverMessage ?? `the apiserver answered ${err.status}`;
  const retryAfter = err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {};
  if (conflicts.length) {
    const managers = [...new Set(conflicts.map((c) => c.manager))].join(', ');
    return {
      reason: 'FieldManagerConflict',
      message: `Fields are owned by another field manager (${managers}): ${conflicts.map((c) => c.field).join(', ')}. Apply with force to take them over, or change them through ${managers}.`,
      fields: [],
      conflicts,
      retryable: false,
    };
  }
  const untypable = UNTYPABLE_APPLY.exec(serverMessage);
  if (err.status === 500 && untypable) {
    const field = untypable[1];
    const why = untypable[2];
    const name = mapField(field);
    return {
      reason: 'Invalid',
      message: `The cluster refused the object as invalid: ${field.replace(/^\./, '')}: ${why}`,
      fields: [{ name, reason: name === 'change.yaml' ? `${field.replace(/^\./, '')}: ${why}` : why }],
      conflicts: [],
      retryable: false,
    };
  }
  const causes = (err.causes ?? []).filter((c) => c.field || c.message);
  const fields = causes.map((c) => ({
    name: c.field ? mapField(c.field) : 'change',
    reason: c.field && mapField(c.field) === 'change.yaml' ? `${c.field.replace(/^\./, '')}: ${c.message ?? ''}` : (c.message ?? 'is invalid'),
  }));
  return {
    reason: err.reason ?? `HTTP${err.status}`,
    message: plainMessage(err.status, serverMessage),
    fields,
    conflicts: [],
    retryable: RETRYABLE_STATUSES.has(err.status),
    ...retryAfter,
  };
}

function plainMessage(status: number, serverMessage: string): string {
  switch (status) {
    case 401:
      return `The cluster refused Portico's credentials (401): ${serverMessage}. Update the cluster's credentials.`;
    case 403:
      return `Portico's credentials may not do this on the cluster (403): ${serverMessage}`;
    case 404:
      return `Not found on the cluster: ${serverMessage}`;
    case 409:
      return `The object changed on the cluster since the preview: ${serverMessage}`;
    case 422:
      return `The cluster refused the object as invalid: ${serverMessage}`;
    default:
      return RETRYABLE_STATUSES.has(status) ? `The cluster is busy or failing (${status}): ${serverMessage}; Portico will try again.` : `The cluster refused the change (${status}): ${serverMessage}`;
  }
}
