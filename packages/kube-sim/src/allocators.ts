/**
 * ClusterIP and NodePort allocation. Done synchronously at admission, as the apiserver's
 * Service registry does, so a create returns the allocated values.
 * @see https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
 */
import { NODE_PORT_RANGE } from './validation/service.js';

const CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12
const CIDR_SIZE = 1 << 20;

export const SERVICE_CIDR = '10.96.0.0/12';

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}
function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class AllocationError extends Error {
  constructor(
    readonly field: string,
    readonly value: string | number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The apiserver keeps the start of each range for requested values and allocates dynamically
 * from above it first (ServiceIPStaticSubrange / ServiceNodePortStaticSubrange), so a requested
 * 10.96.0.10 or 30001 is never taken by an earlier automatic allocation.
 * @see https://kubernetes.io/blog/2023/05/11/nodeport-dynamic-and-static-allocation/
 */
const staticBand = (size: number, divisor: number, max: number) => Math.min(Math.max(16, Math.floor(size / divisor)), max);

export class ClusterIpAllocator {
  private readonly used = new Set<number>();
  private next = staticBand(CIDR_SIZE, 16, 256);

  /** Reserves `requested` (or the next free address). `commit=false` only checks (dry-run). */
  allocate(requested: string | undefined, commit: boolean, rangeOnly = false): string {
    if (requested) {
      const n = ipToInt(requested) - CIDR_BASE;
      if (n <= 0 || n >= CIDR_SIZE - 1)
        throw new AllocationError(
          'spec.clusterIPs',
          requested,
          `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        );
      if (rangeOnly) return requested;
      if (this.used.has(n)) throw new AllocationError('spec.clusterIPs', requested, `failed to allocate IP ${requested}: provided IP is already allocated`);
      if (commit) this.used.add(n);
      return requested;
    }
    for (let i = 0; i < CIDR_SIZE - 2; i++) {
      const n = ((this.next - 1 + i) % (CIDR_SIZE - 2)) + 1;
      if (!this.used.has(n)) {
        if (commit) {
          this.used.add(n);
          this.next = n + 1;
        }
        return intToIp(CIDR_BASE + n);
      }
    }
    throw new AllocationError('spec.clusterIPs', '', 'failed to allocate IP: range is full');
  }

  /** A dry run's dynamic address: the range's network address, a placeholder (allocateNextService, dryRun). */
  readonly dryRunPlaceholder = intToIp(CIDR_BASE);

  release(ip: string | undefined): void {
    if (ip && ip !== 'None') this.used.delete(ipToInt(ip) - CIDR_BASE);
  }
}

export class NodePortAllocator {
  private readonly used = new Set<number>();
  private next = NODE_PORT_RANGE.min + staticBand(NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1, 32, 128);

  isUsed(port: number): boolean {
    return this.used.has(port);
  }

  allocate(requested: number | undefined, field: string, commit: boolean, alsoTaken: Set<number> = new Set()): number {
    if (requested) {
      if (requested < NODE_PORT_RANGE.min || requested > NODE_PORT_RANGE.max)
        throw new AllocationError(field, requested, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);
      if (this.used.has(requested) || alsoTaken.has(requested)) throw new AllocationError(field, requested, 'provided port is already allocated');
      if (commit) this.used.add(requested);
      return requested;
    }
    const span = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
    for (let i = 0; i < span; i++) {
      const p = NODE_PORT_RANGE.min + ((this.next - NODE_PORT_RANGE.min + i) % span);
      if (!this.used.has(p) && !alsoTaken.has(p)) {
        if (commit) {
          this.used.add(p);
          this.next = p + 1;
        }
        return p;
      }
    }
    throw new AllocationError(field, 0, 'range is full');
  }

  release(port: number | undefined): void {
    if (port) this.used.delete(port);
  }
}
