/**
 * Bulk generators for benchmarks and load tests: many namespaces, Services, Ingresses and TLS
 * Secrets quickly, and steady churn. Every TLS Secret gets its own key and certificate (hand-built
 * DER, ~0.1 ms each), so certificate inventories see N distinct fingerprints, not a few reused.
 */
import type { CaChain } from './certs.js';
import { issueCertificate } from './certs.js';
import type { SimClock } from './clock.js';
import type { ObjectApi } from './object-api.js';
import type { ResourceType } from './resources.js';
import type { KubeObject } from './types.js';

export interface GenerateTarget {
  /** Put everything in this namespace (created if missing). */
  namespace?: string;
  /** Otherwise spread over this many namespaces `gen-0…` (default 10). */
  namespaces?: number;
  /** Name prefix (default depends on the kind). */
  prefix?: string;
}

export interface ChurnOptions {
  /** Changes per second (default 1000). */
  ratePerSecond?: number;
  /** How long to churn (default 1000 ms). */
  durationMs?: number;
  /** Only churn Services in this namespace (default: all Services labelled `kube-sim/generated`). */
  namespace?: string;
}

export interface TlsSecretOptions extends GenerateTarget {
  /** Lifetimes cycled through, in days (default 90, 90, 45, 365, 30: Let's Encrypt, short-lived, yearly). */
  lifetimesDays?: number[];
  /** Values cycled through on the `portico.dev/owner` label (default `team-0`…`team-4`; `[]` for none). */
  owners?: string[];
}

const GEN_LABEL = 'kube-sim/generated';
const DAY = 86400_000;
/** Golden-ratio sequence: ages spread evenly over a lifetime whatever the count. */
const PHI = 0.6180339887498949;

export class Generators {
  private readonly rt: Record<'Namespace' | 'Service' | 'Ingress' | 'Secret', ResourceType>;
  private serial = 0;

  constructor(
    private readonly api: ObjectApi,
    private readonly ca: CaChain,
    private readonly clock: SimClock,
  ) {
    const r = api.registry;
    this.rt = {
      Namespace: r.mustForKind('v1', 'Namespace'),
      Service: r.mustForKind('v1', 'Service'),
      Ingress: r.mustForKind('networking.k8s.io/v1', 'Ingress'),
      Secret: r.mustForKind('v1', 'Secret'),
    };
  }

  private ensureNamespace(name: string): void {
    if (!this.api.find(this.rt.Namespace, undefined, name))
      this.api.create(this.rt.Namespace, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [GEN_LABEL]: 'true' } } }, { fieldManager: 'kube-sim-generate' });
  }

  private placer(t: GenerateTarget): (i: number) => string {
    if (t.namespace) {
      this.ensureNamespace(t.namespace);
      return () => t.namespace!;
    }
    const n = Math.max(1, t.namespaces ?? 10);
    for (let i = 0; i < n; i++) this.ensureNamespace(`gen-${i}`);
    return (i) => `gen-${i % n}`;
  }

  private create(rt: ResourceType, ns: string | undefined, obj: KubeObject): void {
    this.api.create(rt, ns, obj, { fieldManager: 'kube-sim-generate', fieldValidation: 'Ignore', owned: true });
  }

  /** Creates `count` namespaces `prefix-N`; returns their names. */
  namespaces(count: number, opts: { prefix?: string } = {}): string[] {
    const prefix = opts.prefix ?? 'gen-ns';
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${prefix}-${this.serial++}`;
      this.ensureNamespace(name);
      names.push(name);
    }
    return names;
  }

  /** Creates `count` ClusterIP Services (no selector, so no endpoints work). */
  services(count: number, opts: GenerateTarget & { type?: 'ClusterIP' | 'NodePort' } = {}): number {
    const ns = this.placer(opts);
    const prefix = opts.prefix ?? 'svc';
    for (let i = 0; i < count; i++) {
      const n = this.serial++;
      this.create(this.rt.Service, ns(i), {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `${prefix}-${n}`, labels: { [GEN_LABEL]: 'true', app: `app-${n % 100}` } },
        spec: { type: opts.type ?? 'ClusterIP', ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
      });
    }
    return count;
  }

  /** Creates `count` Ingresses with one host each (`ing-N.example.test`). */
  ingresses(count: number, opts: GenerateTarget & { className?: string } = {}): number {
    const ns = this.placer(opts);
    const prefix = opts.prefix ?? 'ing';
    for (let i = 0; i < count; i++) {
      const n = this.serial++;
      const host = `${prefix}-${n}.example.test`;
      this.create(this.rt.Ingress, ns(i), {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: `${prefix}-${n}`, labels: { [GEN_LABEL]: 'true' } },
        spec: {
          ingressClassName: opts.className ?? 'nginx',
          rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: `svc-${n}`, port: { number: 80 } } } }] } }],
          tls: [{ hosts: [host], secretName: `${prefix}-${n}-tls` }],
        },
      });
    }
    return count;
  }

  /**
   * Creates `count` `kubernetes.io/tls` Secrets, each with its own ECDSA P-256 key and certificate
   * (random serial, CN and SANs `<name>.<namespace>.example.test`) signed by the simulator's
   * intermediate: `tls.crt` = leaf + intermediate, `ca.crt` = root. Validity is spread over each
   * lifetime by the simulated clock: from just issued to a tenth of the lifetime past expiry.
   */
  tlsSecrets(count: number, opts: TlsSecretOptions = {}): Promise<number> {
    const ns = this.placer(opts);
    const prefix = opts.prefix ?? 'tls';
    const lifetimes = opts.lifetimesDays?.length ? opts.lifetimesDays : [90, 90, 45, 365, 30];
    const owners = opts.owners ?? ['team-0', 'team-1', 'team-2', 'team-3', 'team-4'];
    const caData = Buffer.from(this.ca.root.certPem).toString('base64');
    const now = Math.floor(this.clock.nowMs() / 1000) * 1000;
    for (let i = 0; i < count; i++) {
      const n = this.serial++;
      const namespace = ns(i);
      const name = `${prefix}-${n}`;
      const host = `${name}.${namespace}.example.test`;
      const lifetime = lifetimes[n % lifetimes.length] * DAY;
      const age = Math.round(((n * PHI) % 1) * 1.1 * lifetime);
      const notBefore = new Date(now - age);
      const leaf = issueCertificate(this.ca.intermediate, { commonName: host, dnsNames: [host, `www.${host}`], notBefore, notAfter: new Date(notBefore.getTime() + lifetime) });
      const labels: Record<string, string> = { [GEN_LABEL]: 'true', ...(owners.length ? { 'portico.dev/owner': owners[n % owners.length] } : {}) };
      this.create(this.rt.Secret, namespace, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, labels },
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': Buffer.from(leaf.certPem + this.ca.intermediate.certPem).toString('base64'), 'tls.key': Buffer.from(leaf.keyPem).toString('base64'), 'ca.crt': caData },
      });
    }
    return Promise.resolve(count);
  }

  /**
   * Modifies generated Services (a label) at `ratePerSecond` for `durationMs`; resolves with the
   * number of changes. Writes go straight to the store (no admission or managedFields work):
   * churn exists to load watchers, not to exercise validation.
   */
  async churn(opts: ChurnOptions = {}): Promise<number> {
    const rate = opts.ratePerSecond ?? 1000;
    const duration = opts.durationMs ?? 1000;
    const targets = this.api.store.list('/services', opts.namespace).filter((s) => opts.namespace || s.metadata.labels?.[GEN_LABEL] === 'true');
    if (targets.length === 0) return 0;
    const total = Math.ceil((duration / 1000) * rate);
    const start = performance.now();
    let done = 0;
    let idx = 0;
    for (;;) {
      const elapsed = performance.now() - start;
      if (elapsed >= duration || done >= total) break;
      const due = Math.min(Math.floor((elapsed / 1000) * rate) + 1, total);
      while (done < due) {
        const t = targets[idx++ % targets.length];
        const cur = this.api.store.get('/services', t.metadata.namespace, t.metadata.name ?? '');
        if (cur) this.api.store.put('/services', { ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata.labels, 'kube-sim/churn': String(done) } } });
        done++;
        if ((done & 255) === 0 && performance.now() - start >= duration) break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    return done;
  }
}
