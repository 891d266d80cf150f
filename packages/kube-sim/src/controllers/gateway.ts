/**
 * A Gateway API implementation stand-in: GatewayClasses are Accepted, Gateways get an address
 * and Accepted/Programmed conditions, HTTPRoutes get Accepted/ResolvedRefs per parent.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaystatus
 */
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import type { StoreEvent } from '../store.js';
import { dig, type JsonObject, type KubeObject } from '../types.js';
import { condition, type Controller } from './controller.js';

export class GatewayController implements Controller {
  readonly name = 'gateway';
  private readonly rt: Record<'GatewayClass' | 'Gateway' | 'HTTPRoute' | 'Service', ResourceType>;
  private next = 10;
  private readonly addresses = new Map<string, string>();

  constructor(private readonly api: ObjectApi) {
    const r = api.registry;
    this.rt = {
      GatewayClass: r.mustForKind('gateway.networking.k8s.io/v1', 'GatewayClass'),
      Gateway: r.mustForKind('gateway.networking.k8s.io/v1', 'Gateway'),
      HTTPRoute: r.mustForKind('gateway.networking.k8s.io/v1', 'HTTPRoute'),
      Service: r.mustForKind('v1', 'Service'),
    };
  }

  onEvent(ev: StoreEvent): void {
    if (ev.type === 'DELETED') return;
    const o = ev.object;
    const now = this.api.clock.timestamp();
    const gen = o.metadata.generation ?? 1;
    if (o.kind === 'GatewayClass') {
      this.api.writeStatus(this.rt.GatewayClass, o, { conditions: [condition('Accepted', 'True', 'Accepted', 'Accepted by kube-sim', this.keepTime(o, 'Accepted', now), gen)] });
    } else if (o.kind === 'Gateway') {
      const uid = o.metadata.uid ?? '';
      let ip = this.addresses.get(uid);
      if (!ip) this.addresses.set(uid, (ip = `172.18.254.${this.next++ % 250}`));
      const listeners = ((dig(o, 'spec', 'listeners') as JsonObject[] | undefined) ?? []).map((l) => ({
        name: String(l.name ?? ''),
        attachedRoutes: this.api.store.list('gateway.networking.k8s.io/httproutes').filter((r) => this.parents(r).some((p) => p.name === o.metadata.name)).length,
        supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
        conditions: [
          condition('Accepted', 'True', 'Accepted', '', now, gen),
          condition('Programmed', 'True', 'Programmed', '', now, gen),
          condition('ResolvedRefs', 'True', 'ResolvedRefs', '', now, gen),
        ],
      }));
      this.api.writeStatus(this.rt.Gateway, o, {
        addresses: [{ type: 'IPAddress', value: ip }],
        conditions: [
          condition('Accepted', 'True', 'Accepted', '', this.keepTime(o, 'Accepted', now), gen),
          condition('Programmed', 'True', 'Programmed', '', this.keepTime(o, 'Programmed', now), gen),
        ],
        listeners,
      });
    } else if (o.kind === 'HTTPRoute') {
      this.reconcileRoute(o, now, gen);
    }
  }

  private parents(r: KubeObject): { name: string; namespace?: string }[] {
    return ((dig(r, 'spec', 'parentRefs') as JsonObject[] | undefined) ?? []).map((p) => ({ name: String(p.name ?? ''), namespace: p.namespace as string | undefined }));
  }

  private keepTime(o: KubeObject, type: string, now: string): string {
    const c = ((dig(o, 'status', 'conditions') as JsonObject[] | undefined) ?? []).find((x) => x.type === type && x.status === 'True');
    return (c?.lastTransitionTime as string | undefined) ?? now;
  }

  private reconcileRoute(r: KubeObject, now: string, gen: number): void {
    const backends = ((dig(r, 'spec', 'rules') as JsonObject[] | undefined) ?? []).flatMap((rule) => (rule.backendRefs as JsonObject[] | undefined) ?? []);
    const missing = backends.filter((b) => (b.kind ?? 'Service') === 'Service' && !this.api.find(this.rt.Service, (b.namespace as string | undefined) ?? r.metadata.namespace, String(b.name)));
    const parents = ((dig(r, 'spec', 'parentRefs') as JsonObject[] | undefined) ?? []).map((p) => {
      const gw = this.api.find(this.rt.Gateway, (p.namespace as string | undefined) ?? r.metadata.namespace, String(p.name ?? ''));
      return {
        parentRef: p,
        controllerName: 'sim.portico.dev/gateway-controller',
        conditions: [
          gw ? condition('Accepted', 'True', 'Accepted', 'Route accepted', now, gen) : condition('Accepted', 'False', 'NoMatchingParent', `Gateway ${String(p.name)} not found`, now, gen),
          missing.length
            ? condition('ResolvedRefs', 'False', 'BackendNotFound', `Service ${String(missing[0].name)} not found`, now, gen)
            : condition('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route', now, gen),
        ],
      };
    });
    const cur = dig(r, 'status', 'parents');
    const strip = (x: unknown) => JSON.stringify(x, (k, v: unknown) => (k === 'lastTransitionTime' ? undefined : v));
    if (strip(cur) === strip(parents)) return;
    this.api.writeStatus(this.rt.HTTPRoute, r, { parents });
  }
}
