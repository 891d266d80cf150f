/**
 * A simulated cert-manager: Issuers become Ready; an Ingress annotated with
 * `cert-manager.io/issuer` or `cert-manager.io/cluster-issuer` gets one Certificate per TLS
 * entry (ingress-shim); each Certificate gets a real X.509 certificate signed by the
 * simulator's CA in its `kubernetes.io/tls` Secret, and is renewed at its renewal time on the
 * simulated clock.
 * @see https://cert-manager.io/docs/usage/ingress/
 * @see https://cert-manager.io/docs/usage/certificate/
 */
import type { CertificateAuthority } from './certs.js';
import { issueCertificate } from './certs.js';
import type { SimClock } from './clock.js';
import { rfc3339 } from './clock.js';
import { condition, ownerRef, type Controller } from './controllers/controller.js';
import type { ObjectApi } from './object-api.js';
import type { ResourceType } from './resources.js';
import type { StoreEvent } from './store.js';
import { dig, type JsonObject, type KubeObject } from './types.js';

const HOUR = 3600_000;
export const DEFAULT_DURATION_MS = 2160 * HOUR;

/** Go `time.Duration` strings as cert-manager takes them: `2160h`, `720h0m0s`, `90m`. */
export function parseGoDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * HOUR : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export class CertManagerController implements Controller {
  readonly name = 'cert-manager';
  private readonly rt: Record<'Issuer' | 'ClusterIssuer' | 'Certificate' | 'CertificateRequest' | 'Secret' | 'Ingress', ResourceType>;
  private readonly inFlight = new Set<string>();
  private readonly unsubscribeClock: () => void;
  /** Settles when no issuance is running (for tests and `Simulator.settle()`). */
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly api: ObjectApi,
    private readonly ca: CertificateAuthority,
    private readonly clock: SimClock,
    private readonly onError: (err: unknown) => void,
  ) {
    const r = api.registry;
    this.rt = {
      Issuer: r.mustForKind('cert-manager.io/v1', 'Issuer'),
      ClusterIssuer: r.mustForKind('cert-manager.io/v1', 'ClusterIssuer'),
      Certificate: r.mustForKind('cert-manager.io/v1', 'Certificate'),
      CertificateRequest: r.mustForKind('cert-manager.io/v1', 'CertificateRequest'),
      Secret: r.mustForKind('v1', 'Secret'),
      Ingress: r.mustForKind('networking.k8s.io/v1', 'Ingress'),
    };
    this.unsubscribeClock = clock.onChange(() => this.renewDue());
  }

  stop(): void {
    this.unsubscribeClock();
  }

  busy(): boolean {
    return this.pending.size > 0;
  }

  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  onEvent(ev: StoreEvent): void {
    const o = ev.object;
    if (ev.type === 'DELETED') {
      // A Certificate whose Secret was deleted is re-issued, as cert-manager does.
      if (o.kind === 'Secret') {
        const cert = o.metadata.annotations?.['cert-manager.io/certificate-name'];
        const c = cert ? this.api.find(this.rt.Certificate, o.metadata.namespace, cert) : undefined;
        if (c) this.reconcileCertificate(c);
      }
      return;
    }
    switch (o.kind) {
      case 'Issuer':
      case 'ClusterIssuer':
        return this.reconcileIssuer(o);
      case 'Ingress':
        return this.ingressShim(o);
      case 'Certificate':
        return this.reconcileCertificate(o);
    }
  }

  private reconcileIssuer(iss: KubeObject): void {
    const acme = dig(iss, 'spec', 'acme') !== undefined;
    const reason = acme ? 'ACMEAccountRegistered' : 'IsReady';
    const message = acme ? 'The ACME account was registered with the ACME server' : 'Signing CA verified';
    const existing = (dig(iss, 'status', 'conditions') as JsonObject[] | undefined)?.find((c) => c.type === 'Ready');
    const time = (existing?.lastTransitionTime as string | undefined) ?? this.clock.timestamp();
    this.api.writeStatus(iss.kind === 'Issuer' ? this.rt.Issuer : this.rt.ClusterIssuer, iss, {
      ...(acme ? { acme: { uri: 'https://acme-v02.api.letsencrypt.org/acme/acct/0', lastRegisteredEmail: String(dig(iss, 'spec', 'acme', 'email') ?? '') } } : {}),
      conditions: [condition('Ready', 'True', reason, message, time, iss.metadata.generation ?? 1)],
    });
  }

  private ingressShim(ing: KubeObject): void {
    const ann = ing.metadata.annotations ?? {};
    const issuer = ann['cert-manager.io/issuer'] ?? ann['cert-manager.io/cluster-issuer'];
    if (!issuer) return;
    const kind = ann['cert-manager.io/issuer'] ? (ann['cert-manager.io/issuer-kind'] ?? 'Issuer') : 'ClusterIssuer';
    const group = ann['cert-manager.io/issuer-group'] ?? 'cert-manager.io';
    const tls = (dig(ing, 'spec', 'tls') as JsonObject[] | undefined) ?? [];
    for (const t of tls) {
      const secretName = t.secretName as string | undefined;
      if (!secretName) continue;
      const hosts = ((t.hosts as string[] | undefined) ?? []).filter((h) => typeof h === 'string');
      const spec: JsonObject = { secretName, dnsNames: hosts, issuerRef: { name: issuer, kind, group }, usages: ['digital signature', 'key encipherment'] };
      if (ann['cert-manager.io/duration']) spec.duration = ann['cert-manager.io/duration'];
      if (ann['cert-manager.io/renew-before']) spec.renewBefore = ann['cert-manager.io/renew-before'];
      if (ann['cert-manager.io/common-name']) spec.commonName = ann['cert-manager.io/common-name'];
      const existing = this.api.find(this.rt.Certificate, ing.metadata.namespace, secretName);
      if (existing && JSON.stringify(existing.spec) === JSON.stringify(spec)) continue;
      const cert: KubeObject = {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: secretName, namespace: ing.metadata.namespace, ownerReferences: [ownerRef(this.rt.Ingress, ing)], ...(existing ? { labels: existing.metadata.labels } : {}) },
        spec,
      };
      this.api.upsert(this.rt.Certificate, cert, 'cert-manager-ingress-shim');
    }
  }

  private durations(cert: KubeObject): { duration: number; renewBefore: number } {
    const duration = parseGoDuration(String(dig(cert, 'spec', 'duration') ?? '')) ?? DEFAULT_DURATION_MS;
    const rb = parseGoDuration(String(dig(cert, 'spec', 'renewBefore') ?? ''));
    return { duration, renewBefore: rb !== undefined && rb < duration ? rb : Math.floor(duration / 3) };
  }

  /** Issues when the Secret is missing or stale, or renewal is due; otherwise does nothing. */
  private reconcileCertificate(cert: KubeObject): void {
    const ns = cert.metadata.namespace;
    const secretName = String(dig(cert, 'spec', 'secretName') ?? '');
    const secret = this.api.find(this.rt.Secret, ns, secretName);
    const wantNames = JSON.stringify((dig(cert, 'spec', 'dnsNames') as string[] | undefined) ?? []);
    const renewal = Date.parse(String(dig(cert, 'status', 'renewalTime') ?? ''));
    const upToDate =
      secret &&
      secret.metadata.annotations?.['cert-manager.io/certificate-name'] === cert.metadata.name &&
      secret.metadata.annotations?.['kube-sim/dns-names'] === wantNames &&
      secret.metadata.annotations?.['kube-sim/issued-for-generation'] === String(cert.metadata.generation ?? 1) &&
      Number.isFinite(renewal) &&
      renewal > this.clock.nowMs();
    if (upToDate) return;
    this.issue(cert);
  }

  private renewDue(): void {
    const now = this.clock.nowMs();
    for (const c of this.api.store.list('cert-manager.io/certificates')) {
      const renewal = Date.parse(String(dig(c, 'status', 'renewalTime') ?? ''));
      if (Number.isFinite(renewal) && renewal <= now) this.issue(c);
    }
  }

  private issuerReady(cert: KubeObject): string | undefined {
    const ref = (dig(cert, 'spec', 'issuerRef') ?? {}) as JsonObject;
    const kind = (ref.kind as string | undefined) ?? 'Issuer';
    const issuer = kind === 'ClusterIssuer' ? this.api.find(this.rt.ClusterIssuer, undefined, String(ref.name)) : this.api.find(this.rt.Issuer, cert.metadata.namespace, String(ref.name));
    if (!issuer) return `Referenced "${kind}" not found: ${kind.toLowerCase()}.cert-manager.io "${String(ref.name)}" not found`;
    return undefined;
  }

  private issue(cert: KubeObject): void {
    const key = cert.metadata.uid ?? '';
    if (this.inFlight.has(key)) return;
    const problem = this.issuerReady(cert);
    const now = this.clock.timestamp();
    if (problem) {
      this.api.writeStatus(this.rt.Certificate, cert, {
        ...((cert.status as JsonObject | undefined) ?? {}),
        conditions: [
          condition('Ready', 'False', 'DoesNotExist', 'Issuing certificate as Secret does not exist', now, cert.metadata.generation ?? 1),
          condition('Issuing', 'False', 'IssuerNotReady', problem, now),
        ],
      });
      return;
    }
    this.inFlight.add(key);
    const p = this.doIssue(cert)
      .catch((e: unknown) => this.onError(e))
      .finally(() => {
        this.inFlight.delete(key);
        this.pending.delete(p);
      });
    this.pending.add(p);
  }

  private async doIssue(cert: KubeObject): Promise<void> {
    const ns = cert.metadata.namespace;
    const name = cert.metadata.name ?? '';
    const dnsNames = (dig(cert, 'spec', 'dnsNames') as string[] | undefined) ?? [];
    const ipAddresses = (dig(cert, 'spec', 'ipAddresses') as string[] | undefined) ?? [];
    const commonName = (dig(cert, 'spec', 'commonName') as string | undefined) ?? undefined;
    const { duration, renewBefore } = this.durations(cert);
    const start = this.clock.nowMs();
    const notBefore = new Date(Math.floor(start / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + duration);
    const issued = await issueCertificate(this.ca, { commonName, dnsNames, ipAddresses, notBefore, notAfter });
    const cur = this.api.find(this.rt.Certificate, ns, name);
    if (!cur || cur.metadata.uid !== cert.metadata.uid) return;
    const revision = Number(dig(cur, 'status', 'revision') ?? 0) + 1;
    const secretName = String(dig(cur, 'spec', 'secretName') ?? name);
    const ref = (dig(cur, 'spec', 'issuerRef') ?? {}) as JsonObject;
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName,
        namespace: ns,
        annotations: {
          'cert-manager.io/alt-names': dnsNames.join(','),
          'cert-manager.io/certificate-name': name,
          'cert-manager.io/common-name': commonName ?? '',
          'cert-manager.io/ip-sans': ipAddresses.join(','),
          'cert-manager.io/issuer-group': String(ref.group ?? 'cert-manager.io'),
          'cert-manager.io/issuer-kind': String(ref.kind ?? 'Issuer'),
          'cert-manager.io/issuer-name': String(ref.name ?? ''),
          'cert-manager.io/uri-sans': '',
          'kube-sim/dns-names': JSON.stringify(dnsNames),
          'kube-sim/issued-for-generation': String(cur.metadata.generation ?? 1),
        },
        labels: { 'controller.cert-manager.io/fao': 'true' },
      },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': b64(issued.certPem), 'tls.key': b64(issued.keyPem), 'ca.crt': b64(this.ca.certPem) },
    };
    this.api.upsert(this.rt.Secret, secret, 'cert-manager-certificates-issuing');
    const crName = `${name}-${revision}`;
    if (!this.api.find(this.rt.CertificateRequest, ns, crName)) {
      const cr = this.api.create(
        this.rt.CertificateRequest,
        ns,
        {
          apiVersion: 'cert-manager.io/v1',
          kind: 'CertificateRequest',
          metadata: {
            name: crName,
            namespace: ns,
            annotations: { 'cert-manager.io/certificate-name': name, 'cert-manager.io/certificate-revision': String(revision) },
            ownerReferences: [ownerRef(this.rt.Certificate, cur)],
          },
          spec: { issuerRef: ref, usages: (dig(cur, 'spec', 'usages') as string[] | undefined) ?? [], duration: `${Math.round(duration / HOUR)}h0m0s`, request: '' },
        },
        { fieldManager: 'cert-manager-certificates-request-manager', fieldValidation: 'Ignore' },
      ).object;
      const t = this.clock.timestamp();
      this.api.writeStatus(this.rt.CertificateRequest, cr, {
        conditions: [
          condition('Approved', 'True', 'cert-manager.io', 'Certificate request has been approved by cert-manager.io', t),
          condition('Ready', 'True', 'Issued', 'Certificate fetched from issuer successfully', t),
        ],
        certificate: b64(issued.certPem),
        ca: b64(this.ca.certPem),
      });
    }
    const t = this.clock.timestamp();
    this.api.writeStatus(this.rt.Certificate, cur, {
      conditions: [condition('Ready', 'True', 'Ready', 'Certificate is up to date and has not expired', t, cur.metadata.generation ?? 1)],
      notBefore: rfc3339(notBefore.getTime()),
      notAfter: rfc3339(notAfter.getTime()),
      renewalTime: rfc3339(notAfter.getTime() - renewBefore),
      revision,
    });
  }
}
