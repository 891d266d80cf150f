/**
 * Endpoints and EndpointSlices from a Service's selector and the ready pods it selects.
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
 */
import { createHash } from 'node:crypto';
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import { matchLabels } from '../selectors.js';
import type { StoreEvent } from '../store.js';
import { dig, type Json, type JsonObject, type KubeObject } from '../types.js';
import { ownerRef, type Controller } from './controller.js';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
}

function podReady(p: KubeObject): boolean {
  const conds = dig(p, 'status', 'conditions');
  return !!dig(p, 'status', 'podIP') && Array.isArray(conds) && conds.some((c) => dig(c, 'type') === 'Ready' && dig(c, 'status') === 'True');
}

/** A named targetPort resolves against the pod's container ports. */
function resolveTargetPort(sp: ServicePort, pod: KubeObject): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  const containers = (dig(pod, 'spec', 'containers') as JsonObject[] | undefined) ?? [];
  for (const c of containers) for (const p of (c.ports as JsonObject[] | undefined) ?? []) if (p.name === tp) return Number(p.containerPort);
  return undefined;
}

/**
 * The apiserver's own `default/kubernetes` Endpoints and EndpointSlice, which every cluster has:
 * the apiserver's endpoint reconciler (not the endpoints controller) writes them, since the
 * `kubernetes` Service has no selector. Shapes as in pkg/controlplane/reconcilers.
 * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/controlplane/reconcilers/endpointsadapter.go
 */
export function apiserverEndpoints(address: string, port = 6443): KubeObject[] {
  const ports = [{ name: 'https', port, protocol: 'TCP' }];
  return [
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      // The reconciler marks it so the EndpointSlice mirroring controller leaves it alone.
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: address }], ports }],
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [address], conditions: { ready: true } }],
      ports,
    },
  ];
}

export class EndpointsController implements Controller {
  readonly name = 'endpoints';
  private readonly svcRt: ResourceType;
  private readonly epRt: ResourceType;
  private readonly sliceRt: ResourceType;

  constructor(private readonly api: ObjectApi) {
    this.svcRt = api.registry.mustForKind('v1', 'Service');
    this.epRt = api.registry.mustForKind('v1', 'Endpoints');
    this.sliceRt = api.registry.mustForKind('discovery.k8s.io/v1', 'EndpointSlice');
  }

  onEvent(ev: StoreEvent): void {
    const o = ev.object;
    if (o.kind === 'Service') {
      if (ev.type === 'DELETED') {
        if (this.api.find(this.epRt, o.metadata.namespace, o.metadata.name ?? '')) this.api.delete(this.epRt, o.metadata.namespace, o.metadata.name ?? '');
      } else this.reconcile(o);
    } else if (o.kind === 'Pod') {
      for (const svc of this.api.store.list('/services', o.metadata.namespace)) {
        const sel = dig(svc, 'spec', 'selector') as Record<string, string> | undefined;
        if (matchLabels(sel, o.metadata.labels)) this.reconcile(svc);
      }
    }
  }

  private reconcile(svc: KubeObject): void {
    const sel = dig(svc, 'spec', 'selector') as Record<string, string> | undefined;
    if (!sel || Object.keys(sel).length === 0 || dig(svc, 'spec', 'type') === 'ExternalName') return;
    const ns = svc.metadata.namespace;
    const name = svc.metadata.name ?? '';
    const pods = this.api.store.list('/pods', ns).filter((p) => matchLabels(sel, p.metadata.labels) && podReady(p));
    const ports = ((dig(svc, 'spec', 'ports') as ServicePort[] | undefined) ?? []).filter((p) => typeof p === 'object');
    const targetRef = (p: KubeObject) => ({ kind: 'Pod', name: p.metadata.name ?? '', namespace: ns ?? '', uid: p.metadata.uid ?? '' });
    const epPorts = (pod: KubeObject | undefined) =>
      ports.map((sp) => ({ ...(sp.name ? { name: sp.name } : {}), port: (pod ? resolveTargetPort(sp, pod) : undefined) ?? Number(sp.targetPort ?? sp.port), protocol: sp.protocol ?? 'TCP' }));
    const subsets: Json[] = pods.length
      ? [{ addresses: pods.map((p) => ({ ip: String(dig(p, 'status', 'podIP')), nodeName: String(dig(p, 'spec', 'nodeName') ?? ''), targetRef: targetRef(p) })), ports: epPorts(pods[0]) }]
      : [];
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' } },
      ...(subsets.length ? { subsets } : {}),
    };
    const cur = this.api.find(this.epRt, ns, name);
    if (cur && !subsets.length && cur.subsets !== undefined) {
      const { subsets: _gone, ...rest } = cur;
      this.api.update(this.epRt, ns, name, { ...rest, metadata: { ...rest.metadata, resourceVersion: undefined } }, { fieldManager: 'kube-controller-manager', fieldValidation: 'Ignore' });
    } else this.api.upsert(this.epRt, ep, 'kube-controller-manager');

    const sliceName = `${name}-${createHash('sha256')
      .update(svc.metadata.uid ?? name)
      .digest('hex')
      .slice(0, 5)}`;
    const slice: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: sliceName,
        namespace: ns,
        labels: { ...(svc.metadata.labels ?? {}), 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        ownerReferences: [ownerRef(this.svcRt, svc)],
      },
      addressType: 'IPv4',
      endpoints: pods.map((p) => ({
        addresses: [String(dig(p, 'status', 'podIP'))],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: String(dig(p, 'spec', 'nodeName') ?? ''),
        targetRef: targetRef(p),
      })),
      // EndpointSlice port names are pointers in Go: always send one (kubectl describe relies on it).
      ports: epPorts(pods[0]).map((p) => ({ name: '', ...p })),
    };
    this.api.upsert(this.sliceRt, slice, 'endpointslice-controller');
  }
}
