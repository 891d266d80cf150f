import type { InventoryRow } from '@portico/db';
import { ingressBackends } from './ingress.mapper.js';
import { bodyOf } from './inventory-row.js';

/** An object another one names: stored resource, namespace ('' = cluster-scoped), name, and the kind shown. */
export interface Reference {
  resource: string;
  kind: string;
  namespace: string;
  name: string;
}

interface GatewayRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * The objects a synced object refers to by name, in the order its spec lists them, each once.
 * Gateway API references default to the referring object's namespace, parentRefs to Gateways
 * and backendRefs to Services (core group); references to other kinds are not followed.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
 */
export function referencesOf(row: InventoryRow): Reference[] {
  const spec = (bodyOf(row).spec ?? {}) as Record<string, unknown>;
  const refs: Reference[] = [];
  switch (row.resource) {
    case 'ingresses':
      refs.push(...ingressBackends(row).map((name) => ({ resource: 'services', kind: 'Service', namespace: row.namespace, name })));
      break;
    case 'httproutes': {
      for (const p of (spec.parentRefs as GatewayRef[] | undefined) ?? []) {
        if ((p.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (p.kind ?? 'Gateway') === 'Gateway' && p.name) refs.push({ resource: 'gateways', kind: 'Gateway', namespace: p.namespace ?? row.namespace, name: p.name });
      }
      for (const rule of (spec.rules as { backendRefs?: GatewayRef[] }[] | undefined) ?? []) {
        for (const b of rule.backendRefs ?? []) {
          if ((b.group ?? '') === '' && (b.kind ?? 'Service') === 'Service' && b.name) refs.push({ resource: 'services', kind: 'Service', namespace: b.namespace ?? row.namespace, name: b.name });
        }
      }
      break;
    }
    case 'gateways':
      if (typeof spec.gatewayClassName === 'string') refs.push({ resource: 'gatewayclasses', kind: 'GatewayClass', namespace: '', name: spec.gatewayClassName });
      break;
  }
  return [...new Map(refs.map((r) => [`${r.resource}/${r.namespace}/${r.name}`, r])).values()];
}
