/**
 * A Gateway API implementation stand-in: GatewayClasses are Accepted; Gateways get an address,
 * Accepted/Programmed conditions and per-listener status (`attachedRoutes` counted from the
 * routes that attach, certificateRefs resolved); HTTPRoutes get Accepted/ResolvedRefs per
 * parent with the spec's reasons (NoMatchingParent, NotAllowedByListeners,
 * NoMatchingListenerHostname; BackendNotFound, RefNotPermitted, InvalidKind). Everything is
 * re-evaluated when what it depends on changes: routes, Gateways, Services, Secrets,
 * ReferenceGrants and namespace labels.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaystatus
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutestatus
 */
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import type { StoreEvent } from '../store.js';
import { dig, type JsonObject, type KubeObject } from '../types.js';
import { gatewayShim } from '../gateway-shim.js';
import { condition, type Controller } from './controller.js';
import { attach, GATEWAY_GROUP, listenerKinds, parentRefsOf, resolveBackends, resolveCertificateRefs, type Verdict } from './gateway-attachment.js';

export const SIM_GATEWAY_CONTROLLER = 'sim.portico.dev/gateway-controller';

type Kind = 'GatewayClass' | 'Gateway' | 'HTTPRoute' | 'Service' | 'Secret' | 'Namespace';
const key = (ns: string | undefined, name: string | undefined) => `${ns ?? ''}/${name ?? ''}`;
/** Status compared without transition times, so an unchanged reconcile writes nothing (and triggers nothing). */
const sameStatus = (a: unknown, b: unknown) => {
  const strip = (x: unknown) => JSON.stringify(x, (k, v: unknown) => (k === 'lastTransitionTime' ? undefined : v));
  return strip(a) === strip(b);
};

export class GatewayController implements Controller {
  readonly name = 'gateway';
  private readonly rt: Record<Kind, ResourceType>;
  private next = 10;
  private readonly addresses = new Map<string, string>();
  /** Gateways each route was last attached to: a route that leaves a Gateway must be uncounted there. */
  private readonly routeParents = new Map<string, Set<string>>();

  constructor(private readonly api: ObjectApi) {
    const r = api.registry;
    this.rt = {
      GatewayClass: r.mustForKind('gateway.networking.k8s.io/v1', 'GatewayClass'),
      Gateway: r.mustForKind('gateway.networking.k8s.io/v1', 'Gateway'),
      HTTPRoute: r.mustForKind('gateway.networking.k8s.io/v1', 'HTTPRoute'),
      Service: r.mustForKind('v1', 'Service'),
      Secret: r.mustForKind('v1', 'Secret'),
      Namespace: r.mustForKind('v1', 'Namespace'),
    };
  }

  onEvent(ev: StoreEvent): void {
    const o = ev.object;
    const deleted = ev.type === 'DELETED';
    switch (o.kind) {
      case 'GatewayClass':
        if (!deleted) this.reconcileClass(o);
        return;
      case 'Gateway':
        if (!deleted) {
          this.reconcileGateway(o);
          gatewayShim(this.api, o);
        }
        for (const r of this.routes()) if (this.refersTo(r, o)) this.reconcileRoute(r);
        return;
      case 'HTTPRoute': {
        const rk = key(o.metadata.namespace, o.metadata.name);
        const before = this.routeParents.get(rk) ?? new Set<string>();
        const now = deleted ? new Set<string>() : this.parentKeys(o);
        if (deleted) this.routeParents.delete(rk);
        else {
          this.routeParents.set(rk, now);
          this.reconcileRoute(o);
        }
        for (const gk of new Set([...before, ...now])) {
          const [ns, name] = gk.split('/');
          const gw = this.api.find(this.rt.Gateway, ns, name);
          if (gw) this.reconcileGateway(gw);
        }
        return;
      }
      case 'Service':
        if (ev.type === 'MODIFIED' && JSON.stringify(dig(ev.previous, 'spec', 'ports')) === JSON.stringify(dig(o, 'spec', 'ports'))) return;
        for (const r of this.routes()) if (this.backendNames(r).has(o.metadata.name ?? '')) this.reconcileRoute(r);
        return;
      case 'Secret':
        if (ev.type === 'MODIFIED') return;
        for (const g of this.gateways()) if (JSON.stringify(dig(g, 'spec', 'listeners') ?? []).includes(`"${o.metadata.name ?? ''}"`)) this.reconcileGateway(g);
        return;
      case 'ReferenceGrant':
      case 'Namespace':
        if (o.kind === 'Namespace' && ev.type === 'MODIFIED' && JSON.stringify(ev.previous?.metadata.labels) === JSON.stringify(o.metadata.labels)) return;
        for (const r of this.routes()) this.reconcileRoute(r);
        for (const g of this.gateways()) this.reconcileGateway(g);
        return;
    }
  }

  private routes(): KubeObject[] {
    return this.api.store.list('gateway.networking.k8s.io/httproutes');
  }

  private gateways(): KubeObject[] {
    return this.api.store.list('gateway.networking.k8s.io/gateways');
  }

  private grants = (namespace: string): KubeObject[] => {
    const rt = this.api.registry.forKind('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant');
    return rt ? this.api.list(rt, namespace).items : [];
  };

  private namespaceLabels = (ns: string) => this.api.find(this.rt.Namespace, undefined, ns)?.metadata.labels;

  private parentKeys(r: KubeObject): Set<string> {
    return new Set(parentRefsOf(r).map((p) => key((p.namespace as string | undefined) ?? r.metadata.namespace, String(p.name ?? ''))));
  }

  private refersTo(r: KubeObject, gw: KubeObject): boolean {
    return this.parentKeys(r).has(key(gw.metadata.namespace, gw.metadata.name));
  }

  private backendNames(r: KubeObject): Set<string> {
    const rules = (dig(r, 'spec', 'rules') as JsonObject[] | undefined) ?? [];
    return new Set(rules.flatMap((rule) => ((rule.backendRefs as JsonObject[] | undefined) ?? []).map((b) => String(b.name ?? ''))));
  }

  private keepTime(o: KubeObject, type: string, status: string, now: string, conditions?: JsonObject[]): string {
    const c = (conditions ?? (dig(o, 'status', 'conditions') as JsonObject[] | undefined) ?? []).find((x) => x.type === type && x.status === status);
    return (c?.lastTransitionTime as string | undefined) ?? now;
  }

  private reconcileClass(o: KubeObject): void {
    const now = this.api.clock.timestamp();
    this.api.writeStatus(this.rt.GatewayClass, o, {
      conditions: [condition('Accepted', 'True', 'Accepted', 'Accepted by kube-sim', this.keepTime(o, 'Accepted', 'True', now), o.metadata.generation ?? 1)],
    });
  }

  private reconcileGateway(o: KubeObject): void {
    const now = this.api.clock.timestamp();
    const gen = o.metadata.generation ?? 1;
    const uid = o.metadata.uid ?? '';
    let ip = this.addresses.get(uid);
    if (!ip) this.addresses.set(uid, (ip = `172.18.254.${this.next++ % 250}`));
    const routes = this.routes();
    const previous = (dig(o, 'status', 'listeners') as JsonObject[] | undefined) ?? [];
    const world = { secret: (ns: string, name: string) => this.api.find(this.rt.Secret, ns, name), grants: this.grants };
    const listeners = ((dig(o, 'spec', 'listeners') as JsonObject[] | undefined) ?? []).map((l) => {
      const name = String(l.name ?? '');
      const attachedRoutes = routes.filter((r) =>
        parentRefsOf(r).some(
          (p) =>
            key((p.namespace as string | undefined) ?? r.metadata.namespace, String(p.name)) === key(o.metadata.namespace, o.metadata.name) &&
            attach(r, p, o, this.namespaceLabels).listeners.includes(name),
        ),
      ).length;
      const refs = resolveCertificateRefs(o, l, world);
      const prev = previous.find((p) => p.name === name)?.conditions as JsonObject[] | undefined;
      const cond = (type: string, v: Verdict) => condition(type, v.status, v.reason, v.message, this.keepTime(o, type, v.status, now, prev), gen);
      const ok: Verdict = { status: 'True', reason: '', message: '' };
      return {
        name,
        attachedRoutes,
        supportedKinds: listenerKinds(l).filter((k) => k.group === GATEWAY_GROUP && k.kind === 'HTTPRoute'),
        conditions: [
          cond('Accepted', { ...ok, reason: 'Accepted' }),
          cond('Programmed', refs.status === 'True' ? { ...ok, reason: 'Programmed' } : { status: 'False', reason: 'Invalid', message: refs.message }),
          cond('ResolvedRefs', refs),
        ],
      };
    });
    const status = {
      addresses: [{ type: 'IPAddress', value: ip }],
      conditions: [
        condition('Accepted', 'True', 'Accepted', '', this.keepTime(o, 'Accepted', 'True', now), gen),
        condition('Programmed', 'True', 'Programmed', '', this.keepTime(o, 'Programmed', 'True', now), gen),
      ],
      listeners,
    };
    if (!sameStatus(o.status, status)) this.api.writeStatus(this.rt.Gateway, o, status);
  }

  private reconcileRoute(r: KubeObject): void {
    const now = this.api.clock.timestamp();
    const gen = r.metadata.generation ?? 1;
    const current = (dig(r, 'status', 'parents') as JsonObject[] | undefined) ?? [];
    const resolved = resolveBackends(r, { service: (ns, name) => this.api.find(this.rt.Service, ns, name), grants: this.grants });
    const ours = parentRefsOf(r).map((p) => {
      const gw = this.api.find(this.rt.Gateway, (p.namespace as string | undefined) ?? r.metadata.namespace, String(p.name ?? ''));
      const { accepted } = attach(r, p, gw, this.namespaceLabels);
      const prev = current.find((c) => JSON.stringify(c.parentRef) === JSON.stringify(p))?.conditions as JsonObject[] | undefined;
      const cond = (type: string, v: Verdict) => condition(type, v.status, v.reason, v.message, this.keepTime(r, type, v.status, now, prev), gen);
      return { parentRef: p, controllerName: SIM_GATEWAY_CONTROLLER, conditions: [cond('Accepted', accepted), cond('ResolvedRefs', resolved)] };
    });
    // Other implementations' entries are theirs to keep.
    const parents = [...current.filter((c) => c.controllerName !== SIM_GATEWAY_CONTROLLER), ...ours];
    if (sameStatus(current, parents)) return;
    this.api.writeStatus(this.rt.HTTPRoute, r, { parents });
  }
}
