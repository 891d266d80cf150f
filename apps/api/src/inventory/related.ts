import type { TObjectRef } from '@portico/contracts';
import {
  type InventoryRow,
  type NeighbourRow,
  type Sql,
  findClusterObjects,
  findEndpointSlicesOf,
  findObjects,
  findObjectsMentioning,
  findServicesSelecting,
  findWorkloadsSelectedBy,
} from '@portico/db';
import {
  type WorkloadKind,
  endpointTargets,
  gatewayClassController,
  grantPermits,
  ingressClassController,
  ingressClassOf,
  isDefaultIngressClass,
  podLabels,
  serviceSelector,
  storedCertificateFacts,
  workloadReplicas,
} from '@portico/kube';
import { daysUntil } from './inventory-row.js';
import { REFERRERS, type Reference, crossNamespaceRefs, inverseRelation, referencesOf } from './references.js';

/** Pods are not synced; a Service page names at most this many from its endpoints. */
const MAX_ENDPOINT_PODS = 20;

const refOf = (o: Pick<NeighbourRow, 'id' | 'kind' | 'namespace' | 'name'> | null, r: Omit<Reference, 'resource'>, note: string | null): TObjectRef => ({
  id: o?.id ?? null,
  kind: r.kind,
  namespace: r.namespace,
  name: r.name,
  relation: r.relation,
  note,
});

/** What a TLS Secret's link says: when its certificate expires. */
function expiryNote(secret: NeighbourRow, now = Date.now()): string {
  const notAfter = storedCertificateFacts(secret.body).notAfter;
  const days = daysUntil(notAfter, now);
  if (!notAfter || days === null) return 'no readable certificate';
  return days < 0 ? `expired ${notAfter.slice(0, 10)}` : `expires ${notAfter.slice(0, 10)} (${days} days left)`;
}

/** The note on a link to an object that exists: the fact a reader of the page wants next. */
function noteFor(r: Reference, o: NeighbourRow): string | null {
  if (r.relation === 'tls-secret') return expiryNote(o);
  if (r.relation === 'class') {
    const controller = o.resource === 'ingressclasses' ? ingressClassController(o.body) : gatewayClassController(o.body);
    return controller ? `controller ${controller}` : null;
  }
  return null;
}

const replicasNote = (w: NeighbourRow) => {
  const { desired, ready } = workloadReplicas(w.kind as WorkloadKind, w.body);
  return `${ready}/${desired} ready`;
};

/** The objects this one names (spec order), each with its page when Portico has a copy. */
async function forward(sql: Sql, organizationId: string, row: InventoryRow): Promise<TObjectRef[]> {
  const refs = referencesOf(row);
  const found = await findObjects(
    sql,
    organizationId,
    refs.map((r) => ({ clusterId: row.clusterId, resource: r.resource, namespace: r.namespace, name: r.name })),
  );
  const byPlace = new Map(found.map((o) => [`${o.resource}/${o.namespace}/${o.name}`, o]));
  const out = refs.map((r) => {
    const o = byPlace.get(`${r.resource}/${r.namespace}/${r.name}`) ?? null;
    return refOf(o, r, o ? noteFor(r, o) : 'not in the cluster');
  });
  // An Ingress without a class gets the cluster's default one (if it marks one).
  // @see https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class
  if (row.resource === 'ingresses' && ingressClassOf(row.body) === null) {
    const fallback = (await findClusterObjects(sql, organizationId, row.clusterId, 'ingressclasses')).find((c) => isDefaultIngressClass(c.body));
    if (fallback) out.push(refOf(fallback, { ...fallback, relation: 'class' }, `the cluster default; ${noteFor({ ...fallback, relation: 'class' }, fallback) ?? 'no controller'}`));
  }
  return out;
}

/** Selection by labels: a Service's workloads and the Pods behind its endpoints; a workload's Services. */
async function selection(sql: Sql, organizationId: string, row: InventoryRow): Promise<TObjectRef[]> {
  const place = { clusterId: row.clusterId, namespace: row.namespace };
  if (row.resource === 'services') {
    const selector = serviceSelector(row.body);
    const workloads = selector ? await findWorkloadsSelectedBy(sql, organizationId, place, selector) : [];
    const slices = await findEndpointSlicesOf(sql, organizationId, { ...place, name: row.name });
    const pods = slices.flatMap((s) => endpointTargets(s.body)).filter((t) => t.kind === 'Pod');
    return [
      ...workloads.map((w) => refOf(w, { ...w, relation: 'selects' }, replicasNote(w))),
      ...pods
        .slice(0, MAX_ENDPOINT_PODS)
        .map((p) => refOf(null, { kind: 'Pod', namespace: p.namespace ?? row.namespace, name: p.name, relation: 'endpoint' }, `${p.ready ? 'ready' : 'not ready'} (Pods are not synced)`)),
    ];
  }
  if (['deployments', 'statefulsets', 'daemonsets'].includes(row.resource)) {
    const services = await findServicesSelecting(sql, organizationId, place, podLabels(row.body));
    return services.map((s) => refOf(s, { ...s, relation: 'selected-by' }, null));
  }
  return [];
}

/** The objects that name this one (an Ingress's backend, a route's parent…), read from their side. */
async function reverse(sql: Sql, organizationId: string, row: InventoryRow): Promise<TObjectRef[]> {
  const referrers = REFERRERS[row.resource];
  if (!referrers) return [];
  const candidates = await findObjectsMentioning(sql, organizationId, {
    clusterId: row.clusterId,
    resources: referrers.resources,
    namespace: referrers.sameNamespace ? row.namespace : undefined,
    value: row.name,
  });
  // Ingresses without a class use the default one: they belong on its page too.
  if (row.resource === 'ingressclasses' && isDefaultIngressClass(row.body)) {
    const classless = (await findClusterObjects(sql, organizationId, row.clusterId, 'ingresses')).filter((i) => ingressClassOf(i.body) === null);
    return [...candidates.flatMap((c) => relatedFrom(c, row)), ...classless.map((i) => refOf(i, { ...i, relation: 'class-of' }, 'no class set: the cluster default applies'))];
  }
  return candidates.flatMap((c) => relatedFrom(c, row));
}

/**
 * The ReferenceGrants that let an HTTPRoute's or Gateway's references into other namespaces
 * through, each with what it permits; candidates are the grants of those namespaces naming ours.
 */
async function grantsFor(sql: Sql, organizationId: string, row: InventoryRow): Promise<TObjectRef[]> {
  const crossing = crossNamespaceRefs(row);
  const namespaces = [...new Set(crossing.map((c) => c.to.namespace))];
  const grants = (
    await Promise.all(namespaces.map((namespace) => findObjectsMentioning(sql, organizationId, { clusterId: row.clusterId, resources: ['referencegrants'], namespace, value: row.namespace })))
  ).flat();
  return grants.flatMap((g) => {
    const permitted = crossing.filter((c) => c.to.namespace === g.namespace && grantPermits(g.body, c.from, c.to));
    return permitted.length ? [refOf(g, { ...g, relation: 'permitted-by' }, `lets it refer to ${permitted.map((c) => `${c.to.kind} ${c.to.name}`).join(', ')}`)] : [];
  });
}

function relatedFrom(candidate: NeighbourRow, target: InventoryRow): TObjectRef[] {
  const relation = inverseRelation(candidate, target);
  return relation ? [refOf(candidate, { ...candidate, relation }, null)] : [];
}

/**
 * Every relation of an object, both ways, for its page: what it names, what selects or is
 * selected by it, and what names it. Each related object appears once per relation.
 */
export async function relatedOf(sql: Sql, organizationId: string, row: InventoryRow): Promise<TObjectRef[]> {
  const [ahead, selected, behind, grants] = await Promise.all([
    forward(sql, organizationId, row),
    selection(sql, organizationId, row),
    reverse(sql, organizationId, row),
    grantsFor(sql, organizationId, row),
  ]);
  const all = [...ahead, ...grants, ...selected, ...behind];
  return [...new Map(all.map((r) => [`${r.relation}/${r.kind}/${r.namespace}/${r.name}`, r])).values()];
}
