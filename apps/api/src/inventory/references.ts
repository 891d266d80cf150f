import type { TObjectRelation } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import {
  certificateIssuerRef,
  GATEWAY_API_GROUP,
  certificateSecretName,
  gatewayCertificateSecrets,
  gatewayClassNameOf,
  httpRouteGateways,
  httpRouteServices,
  ingressClassOf,
  ingressServiceNames,
  ingressTls,
  managingCertificate,
  referenceGrantTo,
} from '@portico/kube';

/** An object another one names: stored resource, namespace ('' = cluster-scoped), name, the kind shown, and how it relates. */
export interface Reference {
  resource: string;
  kind: string;
  namespace: string;
  name: string;
  relation: TObjectRelation;
}

/** The part of a row that references are read from. */
export type Referrer = Pick<InventoryRow, 'resource' | 'namespace' | 'body'>;

/**
 * The objects a synced object refers to by name, in the order its spec lists them, each once:
 * an Ingress's Services, TLS Secrets and class; an HTTPRoute's parent Gateways and backend
 * Services; a Gateway's class and TLS Secrets; a cert-manager Certificate's Secret and issuer;
 * a TLS Secret's Certificate; a ReferenceGrant's named Services and Secrets. Which references are followed, and their defaults, are the kinds'
 * readers'. The reverse relations (`referrersOf`) are these, read from the other side.
 */
export function referencesOf(row: Referrer): Reference[] {
  const body = row.body;
  const ns = row.namespace;
  const refs: Reference[] = [];
  switch (row.resource) {
    case 'ingresses': {
      refs.push(...ingressServiceNames(body).map((name) => ({ resource: 'services', kind: 'Service', namespace: ns, name, relation: 'backend' as const })));
      const secrets = ingressTls(body).flatMap((t) => (t.secretName ? [t.secretName] : []));
      refs.push(...secrets.map((name) => ({ resource: 'secrets', kind: 'Secret', namespace: ns, name, relation: 'tls-secret' as const })));
      const className = ingressClassOf(body);
      if (className) refs.push({ resource: 'ingressclasses', kind: 'IngressClass', namespace: '', name: className, relation: 'class' });
      break;
    }
    case 'httproutes':
      refs.push(...httpRouteGateways(body, ns).map((g) => ({ resource: 'gateways', kind: 'Gateway', ...g, relation: 'parent' as const })));
      refs.push(...httpRouteServices(body, ns).map((s) => ({ resource: 'services', kind: 'Service', ...s, relation: 'backend' as const })));
      break;
    case 'gateways': {
      const className = gatewayClassNameOf(body);
      if (className !== null) refs.push({ resource: 'gatewayclasses', kind: 'GatewayClass', namespace: '', name: className, relation: 'class' });
      refs.push(...gatewayCertificateSecrets(body, ns).map((s) => ({ resource: 'secrets', kind: 'Secret', ...s, relation: 'tls-secret' as const })));
      break;
    }
    case 'certificates': {
      const secret = certificateSecretName(body);
      if (secret) refs.push({ resource: 'secrets', kind: 'Secret', namespace: ns, name: secret, relation: 'secret' });
      const issuer = certificateIssuerRef(body);
      if (issuer?.kind === 'ClusterIssuer') refs.push({ resource: 'clusterissuers', kind: 'ClusterIssuer', namespace: '', name: issuer.name, relation: 'issuer' });
      else if (issuer) refs.push({ resource: 'issuers', kind: 'Issuer', namespace: ns, name: issuer.name, relation: 'issuer' });
      break;
    }
    case 'referencegrants': {
      // A grant opens objects of its own namespace only; a `to` without a name (every Service) links nothing.
      const named = referenceGrantTo(body).filter((t) => t.group === '' && (t.kind === 'Service' || t.kind === 'Secret') && t.name);
      refs.push(...named.map((t) => ({ resource: t.kind === 'Service' ? 'services' : 'secrets', kind: t.kind, namespace: ns, name: t.name!, relation: 'grants' as const })));
      break;
    }
    case 'secrets': {
      const certificate = managingCertificate(body);
      if (certificate) refs.push({ resource: 'certificates', kind: 'Certificate', namespace: ns, name: certificate, relation: 'certificate' });
      break;
    }
  }
  return [...new Map(refs.map((r) => [placeOf(r), r])).values()];
}

const placeOf = (r: { resource: string; namespace: string; name: string }) => `${r.resource}/${r.namespace}/${r.name}`;

/** Each forward relation read from the object it points at. */
const INVERSE: Partial<Record<TObjectRelation, TObjectRelation>> = {
  backend: 'routed-from',
  parent: 'route',
  class: 'class-of',
  'tls-secret': 'tls-for',
  secret: 'certificate',
  issuer: 'issues',
  grants: 'granted-by',
};

/**
 * Which resources can refer to an object of `resource` (`referencesOf` above), and whether only
 * from its own namespace (an Ingress names Services of its namespace; an HTTPRoute may cross).
 */
export const REFERRERS: Readonly<Record<string, { resources: readonly string[]; sameNamespace: boolean }>> = {
  services: { resources: ['ingresses', 'httproutes', 'referencegrants'], sameNamespace: false },
  gateways: { resources: ['httproutes'], sameNamespace: false },
  gatewayclasses: { resources: ['gateways'], sameNamespace: false },
  ingressclasses: { resources: ['ingresses'], sameNamespace: false },
  secrets: { resources: ['ingresses', 'gateways', 'certificates', 'referencegrants'], sameNamespace: false },
  issuers: { resources: ['certificates'], sameNamespace: true },
  clusterissuers: { resources: ['certificates'], sameNamespace: false },
};

/**
 * How `candidate` relates to `target` seen from the target (`routed-from`, `route`…), or null
 * when none of the candidate's references names it.
 */
export function inverseRelation(candidate: Referrer, target: { resource: string; namespace: string; name: string }): TObjectRelation | null {
  const ref = referencesOf(candidate).find((r) => placeOf(r) === placeOf(target));
  return ref ? (INVERSE[ref.relation] ?? null) : null;
}

/** A reference into another namespace, which only a ReferenceGrant there lets through. */
export interface CrossNamespaceRef {
  /** Who refers, as a grant's `from` names it. */
  from: { group: string; kind: string; namespace: string };
  to: { group: string; kind: string; namespace: string; name: string };
}

/**
 * The references of an HTTPRoute (backend Services) or a Gateway (certificate Secrets) that
 * leave its namespace. Parent Gateways are not among them: a listener's allowedRoutes decides those.
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
export function crossNamespaceRefs(row: Referrer): CrossNamespaceRef[] {
  const kind = row.resource === 'httproutes' ? 'HTTPRoute' : row.resource === 'gateways' ? 'Gateway' : null;
  if (!kind) return [];
  const from = { group: GATEWAY_API_GROUP, kind, namespace: row.namespace };
  return referencesOf(row)
    .filter((r) => (r.relation === 'backend' || r.relation === 'tls-secret') && r.namespace !== row.namespace)
    .map((r) => ({ from, to: { group: '', kind: r.kind, namespace: r.namespace, name: r.name } }));
}
