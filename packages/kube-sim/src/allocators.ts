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

export class ClusterIpAllocator {
  private readonly used = new Set<number>();
  private next = 10;

  /** Reserves `requested` (or the next free address). `commit=false` only checks (dry-run). */
  allocate(requested: string | undefined, commit: boolean): string {
    if (requested) {
      const n = ipToInt(requested) - CIDR_BASE;
      if (n <= 0 || n >= CIDR_SIZE - 1)
        throw new AllocationError('spec.clusterIPs', requested, `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
      if (this.used.has(n)) throw new AllocationError('spec.clusterIPs', requested, `failed to allocate IP ${requested}: provided IP is already allocated`);
      if (commit) {
        this.used.add(n);
        if (n >= this.next) this.next = n + 1;
      }
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

  release(ip: string | undefined): void {
    if (ip && ip !== 'None') this.used.delete(ipToInt(ip) - CIDR_BASE);
  }
}

export class NodePortAllocator {
  private readonly used = new Set<number>();
  private next = NODE_PORT_RANGE.min;

  isUsed(port: number): boolean {
    return this.used.has(port);
  }

  allocate(requested: number | undefined, field: string, commit: boolean, alsoTaken: Set<number> = new Set()): number {
    if (requested) {
      if (this.used.has(requested) || alsoTaken.has(requested)) throw new AllocationError(field, requested, 'provided port is already allocated');
      if (commit) {
        this.used.add(requested);
        if (requested >= this.next) this.next = requested + 1;
      }
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
