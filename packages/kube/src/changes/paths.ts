/** Where an object lives on the apiserver, for the kinds the change pipeline reads and writes. */
import { EDITABLE_KINDS, type TEditableKind } from '@portico/contracts';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Plural resource names of the kinds changes touch (the apiserver's REST mapping). */
const PLURALS: Record<TEditableKind, string> = {
  Service: 'services',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  NetworkPolicy: 'networkpolicies',
  GatewayClass: 'gatewayclasses',
  Gateway: 'gateways',
  HTTPRoute: 'httproutes',
  Certificate: 'certificates',
  Issuer: 'issuers',
  ClusterIssuer: 'clusterissuers',
};

/** `/api/v1/namespaces/ns/services/name` or `/apis/group/version/…`; names are escaped, though contracts already allow only DNS names. */
export function pathOf(ref: { apiVersion: string; plural: string; namespace: string; name?: string }): string {
  const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const scope = ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : '';
  return `${base}${scope}/${ref.plural}${ref.name !== undefined ? `/${encodeURIComponent(ref.name)}` : ''}`;
}

export function targetPath(target: ObjectRef): string {
  const plural = PLURALS[target.kind as TEditableKind];
  if (!plural || EDITABLE_KINDS[target.kind as TEditableKind].apiVersion !== target.apiVersion) throw new Error(`Portico does not change ${target.apiVersion} ${target.kind} objects`);
  return pathOf({ apiVersion: target.apiVersion, plural, namespace: target.namespace, name: target.name });
}
