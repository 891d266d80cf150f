/**
 * Service admission: ClusterIP and NodePort allocation, kept across updates, released on
 * delete or type change.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
import { AllocationError, type ClusterIpAllocator, type NodePortAllocator } from '../allocators.js';
import { errors, fieldInvalid } from '../status.js';
import { serviceIPFamilyCauses } from '../validation/service.js';
import { dig, isPlainObject, type JsonObject, type KubeObject } from '../types.js';

interface PortSpec extends JsonObject {
  name?: string;
  port?: number;
  protocol?: string;
  nodePort?: number;
}

function ports(o: KubeObject | undefined): PortSpec[] {
  const p = dig(o, 'spec', 'ports');
  return Array.isArray(p) ? p.filter(isPlainObject) : [];
}

export class ServiceAdmission {
  /** Services whose clusterIP is this request's dry-run placeholder. */
  private readonly dryRunPlaceholders = new WeakSet<KubeObject>();

  constructor(
    private readonly ips: ClusterIpAllocator,
    private readonly nodePorts: NodePortAllocator,
  ) {}

  /**
   * What the registry does to a new Service before validation (BeginCreate): the IP-family
   * pass, then a check-only allocation, so their errors come first and alone.
   */
  prepareCreate(svc: KubeObject, dryRun: boolean): void {
    const causes = serviceIPFamilyCauses(svc);
    if (causes.length) throw errors.invalid('Service', '', svc.metadata.name ?? '', causes);
    // Allocation runs before validation and records the address (an IPAddress object) under the
    // Service's name, so a nameless Service fails there first — except in a dry run, which records nothing.
    const spec = svc.spec as JsonObject;
    if (!dryRun && !svc.metadata.name && spec.type !== 'ExternalName' && spec.clusterIP !== 'None')
      throw errors.invalid('Service', '', '', [fieldInvalid('spec.clusterIPs', [''], 'failed to allocate IP: IPAddress.networking.k8s.io is invalid: spec.parentRef.name: Required value')]);
    // Validation sees what allocation filled in (e.g. one nodePort copied to ports sharing a port number).
    this.admit(undefined, svc, false, dryRun);
  }

  /**
   * Before validation of an update (BeginUpdate): the IP-family pass (defaults ipFamilyPolicy/ipFamilies
   * when valid), then a check-only allocation, so their errors come first and alone.
   */
  prepareUpdate(old: KubeObject, svc: KubeObject, dryRun: boolean): void {
    const causes = serviceIPFamilyCauses(svc, old);
    if (causes.length) throw errors.invalid('Service', '', svc.metadata.name ?? '', causes);
    this.admit(old, svc, false, dryRun);
  }

  /** After validation: internalTrafficPolicy is not stored for ExternalName (its writer still owns it in managedFields). */
  dropAfterValidation(svc: KubeObject): void {
    const spec = svc.spec as JsonObject | undefined;
    if (spec?.type === 'ExternalName') delete spec.internalTrafficPolicy;
  }

  /** Fills in clusterIP(s) and nodePorts of `svc` (mutated). `commit=false` for dry-run. */
  admit(old: KubeObject | undefined, svc: KubeObject, commit: boolean, dryRun = !commit): void {
    try {
      // A check-only pass first (it fills in candidates without reserving them), so a failure
      // half-way through never leaves addresses reserved; the commit pass reserves the same ones.
      this.run(old, svc, false, dryRun);
      if (commit) this.run(old, svc, true, false);
    } catch (e) {
      if (e instanceof AllocationError) throw errors.invalid('Service', '', svc.metadata.name ?? '', [fieldInvalid(e.field, e.value, e.message)]);
      throw e;
    }
  }

  private run(old: KubeObject | undefined, svc: KubeObject, commit: boolean, dryRun: boolean): void {
    if (!isPlainObject(svc.spec)) return; // nothing to allocate for; validation refuses it
    const spec = svc.spec;
    const type = spec.type as string;
    const oldIp = dig(old, 'spec', 'clusterIP') as string | undefined;
    if (type === 'ExternalName') {
      // Validation forbids clusterIPs here; an update to ExternalName has had them dropped.
      if (commit) this.ips.release(oldIp);
    } else if (oldIp) {
      // A changed address is validation's to refuse (`spec.clusterIPs[0]: may not change once set`).
      if (!spec.clusterIP || spec.clusterIP === oldIp) {
        spec.clusterIP = oldIp;
        spec.clusterIPs = [oldIp];
      }
    } else if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
    } else {
      const requested = (spec.clusterIP as string | undefined) || undefined;
      // A dry run checks a requested address against the range only; a dynamic one is a placeholder,
      // which the second pass over the same Service must not take for a request.
      const placeholder = dryRun && (!requested || (requested === this.ips.dryRunPlaceholder && this.dryRunPlaceholders.has(svc)));
      if (placeholder) this.dryRunPlaceholders.add(svc);
      const ip = placeholder ? this.ips.dryRunPlaceholder : this.ips.allocate(requested, commit, dryRun);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }

    // The registry's nodePort pass (initNodePorts / updateNodePorts): ports sharing a port number
    // share a nodePort; requested ones are reserved, the rest allocated only when the type wants them.
    const oldNodePorts = ports(old)
      .map((o) => o.nodePort)
      .filter((n): n is number => !!n);
    if (type !== 'NodePort' && type !== 'LoadBalancer') {
      const still = new Set(ports(svc).map((p) => p.nodePort));
      if (commit) for (const n of oldNodePorts) if (!still.has(n)) this.nodePorts.release(n);
      return;
    }
    const allocateNew = type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false;
    const oldNumbers = new Set(oldNodePorts);
    const kept = new Set<number>();
    const taken = new Set<number>();
    const byPort = new Map<number, number>();
    const requestedHere = new Set<number>();
    // A dry run allocates nothing: dynamic nodePorts are placeholders counted up from the highest
    // port this request already holds, or from 32769 (PortAllocationOperation.AllocateNext).
    const dryHeld: number[] = [];
    const placeholder = () => {
      const port = (dryHeld.length ? Math.max(...dryHeld) : 32768) + 1;
      dryHeld.push(port);
      return port;
    };
    // A requested port: a dry run's allocator checks only that nobody (this request included) holds it, not the range.
    const take = (port: number, field: string) => {
      if (!dryRun) {
        taken.add(this.nodePorts.allocate(port, field, commit, taken));
        return port;
      }
      if (this.nodePorts.isUsed(port) || dryHeld.includes(port)) throw new AllocationError(field, port, 'provided port is already allocated');
      dryHeld.push(port);
      return port;
    };
    const next = (field: string) => {
      if (dryRun) return placeholder();
      const port = this.nodePorts.allocate(undefined, field, commit, taken);
      taken.add(port);
      return port;
    };
    const list = ports(svc);
    list.forEach((p, i) => {
      if (!p.nodePort && !allocateNew) return;
      const field = `spec.ports[${i}].nodePort`;
      if (!old) {
        // initNodePorts: the first port of each port number takes the nodePort requested by any port
        // of that number (or a dynamic one); later ports of the number share it or take their own.
        const number = Number(p.port ?? 0);
        const shared = byPort.get(number);
        if (!shared) {
          const requested = list.find((q) => Number(q.port ?? 0) === number && q.nodePort)?.nodePort;
          p.nodePort = requested ? take(requested, field) : next(field);
          byPort.set(number, p.nodePort);
        } else if (!p.nodePort) p.nodePort = shared;
        else if (p.nodePort !== shared) take(p.nodePort, field);
        return;
      }
      // updateNodePorts: a requested nodePort the old object did not hold is taken once, even by a dry run.
      if (p.nodePort) {
        if (oldNumbers.has(p.nodePort)) kept.add(p.nodePort);
        else if (!requestedHere.has(p.nodePort)) {
          requestedHere.add(p.nodePort);
          take(p.nodePort, field);
        }
        return;
      }
      const np = dryRun ? placeholder() : this.nodePorts.allocate(undefined, field, commit, taken);
      taken.add(np);
      p.nodePort = np;
    });
    // LoadBalancer + externalTrafficPolicy Local: a healthCheckNodePort too (kept across updates).
    const oldHc = dig(old, 'spec', 'healthCheckNodePort') as number | undefined;
    if (type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
      if (oldHc && (!spec.healthCheckNodePort || spec.healthCheckNodePort === oldHc)) {
        spec.healthCheckNodePort = oldHc;
        kept.add(oldHc);
      } else if (!(dryRun && spec.healthCheckNodePort)) {
        const requested = (spec.healthCheckNodePort as number | undefined) || undefined;
        const hc = dryRun && !requested ? placeholder() : this.nodePorts.allocate(requested, 'spec.healthCheckNodePort', commit, taken);
        spec.healthCheckNodePort = hc;
        taken.add(hc);
      }
    }
    if (commit) for (const n of [...oldNumbers, ...(oldHc ? [oldHc] : [])]) if (!kept.has(n) && !taken.has(n)) this.nodePorts.release(n);
  }

  /**
   * Before validation of an update, nodePorts the client left out are copied from the old
   * object by port name, unless another port already uses them (patchAllocatedValues).
   */
  patchAllocatedValues(old: KubeObject, next: KubeObject): void {
    const needs = (o: KubeObject) => ['NodePort', 'LoadBalancer'].includes(String(dig(o, 'spec', 'type')));
    const spec = next.spec as JsonObject | undefined;
    if (!spec) return;
    // NormalizeClusterIPs: a changed clusterIP with clusterIPs left as they were moves clusterIPs along.
    const oldSpec = (old.spec ?? {}) as JsonObject;
    const sameIPs = JSON.stringify(spec.clusterIPs ?? null) === JSON.stringify(oldSpec.clusterIPs ?? null);
    if (Array.isArray(oldSpec.clusterIPs) && oldSpec.clusterIPs.length && !(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length) && spec.clusterIP === oldSpec.clusterIP)
      spec.clusterIPs = oldSpec.clusterIPs;
    else if (spec.clusterIP !== oldSpec.clusterIP && sameIPs) {
      if (oldSpec.clusterIP && !spec.clusterIP) delete spec.clusterIPs;
      else if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    }
    const oldIp = dig(old, 'spec', 'clusterIP');
    if (spec.type !== 'ExternalName' && dig(old, 'spec', 'type') !== 'ExternalName' && (spec.clusterIP === undefined || spec.clusterIP === '') && oldIp) {
      spec.clusterIP = oldIp as string;
      spec.clusterIPs = (dig(old, 'spec', 'clusterIPs') as string[] | undefined) ?? [oldIp as string];
    }
    if (!needs(old) || !needs(next)) return;
    const used = new Set(
      ports(next)
        .map((p) => p.nodePort)
        .filter((n) => n && ports(old).some((o) => o.nodePort === n)),
    );
    const byName = new Map(ports(old).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of ports(next)) {
      if (p.nodePort) continue;
      const v = byName.get(p.name ?? '');
      if (v && !used.has(v)) p.nodePort = v;
    }
  }

  /**
   * When an update changes the type away from NodePort/LoadBalancer (or to ExternalName), fields
   * that only made sense for the old type are cleared if the client left them as they were.
   * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/registry/core/service/storage/storage.go (dropTypeDependentFields)
   */
  dropTypeDependentFields(old: KubeObject, next: KubeObject): void {
    const spec = next.spec as JsonObject | undefined;
    const oldSpec = (old.spec ?? {}) as JsonObject;
    if (!spec) return;
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const needsClusterIP = (s: JsonObject) => s.type !== 'ExternalName';
    const needsNodePort = (s: JsonObject) => s.type === 'NodePort' || s.type === 'LoadBalancer';
    const external = (s: JsonObject) => needsNodePort(s) || (s.type === 'ClusterIP' && Array.isArray(s.externalIPs) && s.externalIPs.length > 0);
    if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
      if (same(spec.clusterIP, oldSpec.clusterIP) && same(spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : undefined), oldSpec.clusterIPs)) {
        delete spec.clusterIP;
        delete spec.clusterIPs;
      }
      if (same(spec.ipFamilies, oldSpec.ipFamilies)) delete spec.ipFamilies;
      if (same(spec.ipFamilyPolicy, oldSpec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
    }
    const nodePortsOf = (o: KubeObject) => ports(o).map((p) => p.nodePort ?? 0);
    if (needsNodePort(oldSpec) && !needsNodePort(spec) && same(nodePortsOf(old), nodePortsOf(next))) for (const p of ports(next)) delete p.nodePort;
    const needsHC = (s: JsonObject) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
    if (needsHC(oldSpec) && !needsHC(spec) && same(spec.healthCheckNodePort, oldSpec.healthCheckNodePort)) delete spec.healthCheckNodePort;
    if (
      oldSpec.type === 'LoadBalancer' &&
      spec.type !== 'LoadBalancer' &&
      spec.allocateLoadBalancerNodePorts !== undefined &&
      same(spec.allocateLoadBalancerNodePorts, oldSpec.allocateLoadBalancerNodePorts)
    )
      delete spec.allocateLoadBalancerNodePorts;
    if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer' && same(spec.loadBalancerClass, oldSpec.loadBalancerClass)) delete spec.loadBalancerClass;
    if (external(oldSpec) && !external(spec) && same(spec.externalTrafficPolicy, oldSpec.externalTrafficPolicy)) delete spec.externalTrafficPolicy;
    // The load-balancer status no longer applies.
    if (spec.type !== 'LoadBalancer' && isPlainObject(next.status)) next.status = { ...next.status, loadBalancer: {} };
  }

  release(svc: KubeObject): void {
    this.ips.release(dig(svc, 'spec', 'clusterIP') as string | undefined);
    for (const p of ports(svc)) this.nodePorts.release(p.nodePort);
    this.nodePorts.release(dig(svc, 'spec', 'healthCheckNodePort') as number | undefined);
  }
}
