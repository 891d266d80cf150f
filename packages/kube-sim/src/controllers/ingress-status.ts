/**
 * An ingress controller stand-in: an Ingress whose class (spec.ingressClassName, the legacy
 * `kubernetes.io/ingress.class` annotation, or the default IngressClass) is served by a known
 * controller gets that controller's address in `status.loadBalancer`.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
 */
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import type { StoreEvent } from '../store.js';
import { dig, type KubeObject } from '../types.js';
import type { Controller } from './controller.js';

/** Controllers the simulator "runs", and the address each one publishes. */
export const INGRESS_CONTROLLERS: Record<string, string> = {
  'k8s.io/ingress-nginx': '172.18.255.200',
  'traefik.io/ingress-controller': '172.18.255.201',
  'haproxy.org/ingress-controller/haproxy': '172.18.255.202',
};

export class IngressStatusController implements Controller {
  readonly name = 'ingress-status';
  private readonly ingRt: ResourceType;
  private readonly classRt: ResourceType;

  constructor(private readonly api: ObjectApi) {
    this.ingRt = api.registry.mustForKind('networking.k8s.io/v1', 'Ingress');
    this.classRt = api.registry.mustForKind('networking.k8s.io/v1', 'IngressClass');
  }

  onEvent(ev: StoreEvent): void {
    if (ev.object.kind === 'Ingress' && ev.type !== 'DELETED') this.reconcile(ev.object);
    else if (ev.object.kind === 'IngressClass') for (const ing of this.api.store.list('networking.k8s.io/ingresses')) this.reconcile(ing);
  }

  private className(ing: KubeObject): string | undefined {
    const explicit = (dig(ing, 'spec', 'ingressClassName') as string | undefined) ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
    if (explicit) return explicit;
    return this.api.store.list('networking.k8s.io/ingressclasses').find((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  }

  private reconcile(ing: KubeObject): void {
    const cls = this.className(ing);
    const ic = cls ? this.api.find(this.classRt, undefined, cls) : undefined;
    const ip = ic ? INGRESS_CONTROLLERS[String(dig(ic, 'spec', 'controller'))] : undefined;
    const want = ip ? { loadBalancer: { ingress: [{ ip }] } } : { loadBalancer: {} };
    this.api.writeStatus(this.ingRt, ing, want);
  }
}
