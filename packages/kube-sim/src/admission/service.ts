/**
 * Service admission: ClusterIP and NodePort allocation, kept across updates, released on
 * delete or type change.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
import { AllocationError, type ClusterIpAllocator, type NodePortAllocator } from '../allocators.js';
import { errors, fieldInvalid } from '../status.js';
import { dig, isPlainObject, type JsonObject, type KubeObject } from '../types.js';

interface PortSpec extends JsonObject {
  port?: number;
  protocol?: string;
  nodePort?: number;
}

function ports(o: KubeObject | undefined): PortSpec[] {
  const p = dig(o, 'spec', 'ports');
  return Array.isArray(p) ? (p.filter(isPlainObject) as PortSpec[]) : [];
}

export class ServiceAdmission {
  constructor(
    private readonly ips: ClusterIpAllocator,
    private readonly nodePorts: NodePortAllocator,
  ) {}

  /** Fills in clusterIP(s) and nodePorts of `svc` (mutated). `commit=false` for dry-run. */
  admit(old: KubeObject | undefined, svc: KubeObject, commit: boolean): void {
    try {
      // A check-only pass first (it fills in candidates without reserving them), so a failure
      // half-way through never leaves addresses reserved; the commit pass reserves the same ones.
      this.run(old, svc, false);
      if (commit) this.run(old, svc, true);
    } catch (e) {
      if (e instanceof AllocationError) throw errors.invalid('Service', '', svc.metadata.name ?? '', [fieldInvalid(e.field, e.value, e.message)]);
      throw e;
    }
  }

  private run(old: KubeObject | undefined, svc: KubeObject, commit: boolean): void {
    const spec = svc.spec as JsonObject;
    const type = spec.type as string;
    const oldIp = dig(old, 'spec', 'clusterIP') as string | undefined;
    if (type === 'ExternalName') {
      if (commit) this.ips.release(oldIp);
      delete spec.clusterIP;
      delete spec.clusterIPs;
    } else if (oldIp) {
      const requested = spec.clusterIP as string | undefined;
      if (requested && requested !== oldIp)
        throw errors.invalid('Service', '', svc.metadata.name ?? '', [fieldInvalid('spec.clusterIPs[0]', requested, 'may not change once set')]);
      spec.clusterIP = oldIp;
      spec.clusterIPs = [oldIp];
    } else if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
    } else {
      const ip = this.ips.allocate((spec.clusterIP as string | undefined) || undefined, commit);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }

    const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
    const oldPorts = ports(old);
    const kept = new Set<number>();
    const taken = new Set<number>();
    ports(svc).forEach((p, i) => {
      if (!wantsNodePorts) {
        if (type !== 'LoadBalancer') delete p.nodePort;
        return;
      }
      const prev = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
      if (prev && (!p.nodePort || p.nodePort === prev)) {
        p.nodePort = prev;
        kept.add(prev);
        taken.add(prev);
        return;
      }
      const np = this.nodePorts.allocate(p.nodePort || undefined, `spec.ports[${i}].nodePort`, commit, taken);
      p.nodePort = np;
      taken.add(np);
    });
    if (commit) for (const o of oldPorts) if (o.nodePort && !kept.has(o.nodePort)) this.nodePorts.release(o.nodePort);
  }

  /**
   * When an update changes the type away from NodePort/LoadBalancer (or to ExternalName), fields
   * that only made sense for the old type are cleared if the client left them as they were.
   * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/registry/core/service/storage/storage.go (dropTypeDependentFields)
   */
  dropTypeDependentFields(old: KubeObject, next: KubeObject): void {
    const oldType = dig(old, 'spec', 'type');
    const spec = next.spec as JsonObject | undefined;
    if (!spec || spec.type === oldType) return;
    const oldPorts = ports(old);
    if ((oldType === 'NodePort' || oldType === 'LoadBalancer') && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')
      for (const p of ports(next)) {
        const prev = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (p.nodePort !== undefined && prev?.nodePort === p.nodePort) delete p.nodePort;
      }
    if (spec.type === 'ExternalName' && spec.clusterIP === dig(old, 'spec', 'clusterIP')) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
  }

  release(svc: KubeObject): void {
    this.ips.release(dig(svc, 'spec', 'clusterIP') as string | undefined);
    for (const p of ports(svc)) this.nodePorts.release(p.nodePort);
  }
}
