import type { InventoryRow } from '@portico/db';
import { gatewayClassNameOf, httpRouteGateways, httpRouteServices, ingressServiceNames } from '@portico/kube';

/** An object another one names: stored resource, namespace ('' = cluster-scoped), name, and the kind shown. */
export interface Reference {
  resource: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The objects a synced object refers to by name, in the order its spec lists them, each once:
 * an Ingress's Services, an HTTPRoute's parent Gateways and backend Services, a Gateway's
 * class. Which references are followed, and their defaults, are the kinds' readers'.
 */
export function referencesOf(row: InventoryRow): Reference[] {
  const body = row.body;
  const refs: Reference[] = [];
  switch (row.resource) {
    case 'ingresses':
      refs.push(...ingressServiceNames(body).map((name) => ({ resource: 'services', kind: 'Service', namespace: row.namespace, name })));
      break;
    case 'httproutes':
      refs.push(...httpRouteGateways(body, row.namespace).map((g) => ({ resource: 'gateways', kind: 'Gateway', ...g })));
      refs.push(...httpRouteServices(body, row.namespace).map((s) => ({ resource: 'services', kind: 'Service', ...s })));
      break;
    case 'gateways': {
      const className = gatewayClassNameOf(body);
      if (className !== null) refs.push({ resource: 'gatewayclasses', kind: 'GatewayClass', namespace: '', name: className });
      break;
    }
  }
  return [...new Map(refs.map((r) => [`${r.resource}/${r.namespace}/${r.name}`, r])).values()];
}
