/**
 * A cloud load balancer stand-in: Services of type LoadBalancer get an ingress IP in
 * `status.loadBalancer` after a short delay, like a cloud controller would set it.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
 */
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import type { StoreEvent } from '../store.js';
import { dig } from '../types.js';
import type { Controller } from './controller.js';

export class LoadBalancerController implements Controller {
  readonly name = 'load-balancer';
  private readonly rt: ResourceType;
  private next = 1;
  private readonly assigned = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly api: ObjectApi,
    private readonly delayMs: number,
  ) {
    this.rt = api.registry.mustForKind('v1', 'Service');
  }

  onEvent(ev: StoreEvent): void {
    const svc = ev.object;
    if (svc.kind !== 'Service') return;
    const uid = svc.metadata.uid ?? '';
    if (ev.type === 'DELETED') {
      this.assigned.delete(uid);
      return;
    }
    const isLb = dig(svc, 'spec', 'type') === 'LoadBalancer';
    const ingress = dig(svc, 'status', 'loadBalancer', 'ingress');
    if (isLb && !ingress) {
      if (this.assigned.has(uid)) return;
      const ip = `172.18.255.${this.next++ % 200}`;
      this.assigned.set(uid, ip);
      const t = setTimeout(() => {
        this.timers.delete(t);
        const cur = this.api.find(this.rt, svc.metadata.namespace, svc.metadata.name ?? '');
        if (cur && cur.metadata.uid === uid && dig(cur, 'spec', 'type') === 'LoadBalancer') this.api.writeStatus(this.rt, cur, { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } });
      }, this.delayMs);
      this.timers.add(t);
    } else if (!isLb && ingress) {
      this.assigned.delete(uid);
      this.api.writeStatus(this.rt, svc, { loadBalancer: {} });
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
