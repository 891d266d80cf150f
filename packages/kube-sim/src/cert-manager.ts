/**
 * A simulated cert-manager (v1.21 behaviour, its own reasons and messages; held to the real controller
 * by apps/worker/test/cert-manager-real.test.ts):
 * - Issuers: ACME registers (a server whose host is under `.invalid`, which never resolves,
 *   fails as an unreachable server does); a CA issuer is Ready while its `spec.ca.secretName`
 *   Secret holds a key pair (`ErrGetKeyPair` otherwise), re-checked when that Secret changes;
 *   SelfSigned and others are Ready.
 * - ingress-shim (and gateway-shim.ts): annotated Ingresses/Gateways get a Certificate per Secret.
 * - Certificates: the trigger (Secret missing, issued by another issuer, spec changed, renewal
 *   due) sets `Issuing` and creates CertificateRequest `<name>-<revision>`, approved at once;
 *   while the issuer is missing or not Ready it stays `Pending`, so a stuck renewal stays
 *   overdue; once Ready it is signed: the Secret gets the key pair, status gets notBefore,
 *   notAfter, renewalTime, revision. Readiness: `Expired` once notAfter passes.
 * - Signing: ACME and other issuers → the simulator's intermediate (`tls.crt` = leaf +
 *   intermediate; ACME Secrets carry no `ca.crt`, as with Let's Encrypt; others get the root);
 *   CA issuer → the key pair in its Secret (chain = that Secret's `tls.crt`, `ca.crt` = its
 *   root); SelfSigned → self-signed. `spec.privateKey` algorithm/size/encoding are honoured
 *   (default RSA 2048).
 * Everything runs on the simulated clock: each clock move re-evaluates renewals and expiry.
 * @see https://cert-manager.io/docs/usage/certificate/
 * @see https://cert-manager.io/docs/configuration/ca/
 */
import { createPrivateKey } from 'node:crypto';
import type { CaChain, CertificateAuthority, IssuedCertificate, KeyPair, KeySpec, SubjectOptions } from './certs.js';
import { authorityFromPem, certificateRequestPem, isSelfSigned, issueCertificate, keyMismatch, keyPairFor, privateKeyPem, readyKeyPair, selfSignedCertificate } from './certs.js';
import { pem, pemBlocks } from './der.js';
import type { SimClock } from './clock.js';
import { rfc3339 } from './clock.js';
import { condition, ownerRef, type Controller } from './controllers/controller.js';
import { gatewayShim } from './gateway-shim.js';
import type { ObjectApi } from './object-api.js';
import type { ResourceType } from './resources.js';
import type { StoreEvent } from './store.js';
import { dig, type JsonObject, type KubeObject } from './types.js';

const HOUR = 3600_000;
export const DEFAULT_DURATION_MS = 2160 * HOUR;
/** Where ClusterIssuers find their Secrets (cert-manager's --cluster-resource-namespace). */
export const CLUSTER_RESOURCE_NAMESPACE = 'cert-manager';

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

/** Go's `time.Time.String()` for a UTC second, as cert-manager's messages print times. */
const goTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
/** Go's `time.RFC1123` in UTC. */
const rfc1123 = (ms: number) => new Date(ms).toUTCString().replace('GMT', 'UTC');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const fromB64 = (s: unknown) => (typeof s === 'string' ? Buffer.from(s, 'base64').toString('utf8') : '');

type Cond = ReturnType<typeof condition>;
interface Trigger {
  reason: string;
  message: string;
}

export class CertManagerController implements Controller {
  readonly name = 'cert-manager';
  private readonly rt: Record<'Issuer' | 'ClusterIssuer' | 'Certificate' | 'CertificateRequest' | 'Secret' | 'Ingress', ResourceType>;
  private readonly inFlight = new Set<string>();
  private readonly nextKeys = new Map<string, KeyPair>();
  private readonly unsubscribeClock: () => void;
  /** Settles when no issuance is running (for tests and `Simulator.settle()`). */
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly api: ObjectApi,
    private readonly ca: CaChain,
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
    this.unsubscribeClock = clock.onChange(() => this.resyncAll());
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
    if (o.kind === 'Secret') return this.secretChanged(o, ev.type === 'DELETED');
    if (ev.type === 'DELETED') {
      if (o.kind === 'Issuer' || o.kind === 'ClusterIssuer') this.certificatesOf(o).forEach((c) => this.reconcileCertificate(c));
      return;
    }
    switch (o.kind) {
      case 'Issuer':
      case 'ClusterIssuer':
        return this.reconcileIssuer(o);
      case 'Ingress':
        return this.ingressShim(o);
      case 'Gateway':
        return gatewayShim(this.api, o);
      case 'Certificate':
        return this.reconcileCertificate(o);
    }
  }

  /** When Certificates next need cert-manager by themselves (renewal times and expiries, ms). */
  upcoming(): number[] {
    return this.api.store
      .list('cert-manager.io/certificates')
      .flatMap((c) => [Date.parse(String(dig(c, 'status', 'renewalTime'))), Date.parse(String(dig(c, 'status', 'notAfter')))].filter(Number.isFinite));
  }

  /** Every Certificate re-evaluated: renewals and expiry follow the simulated clock. */
  private resyncAll(): void {
    for (const c of this.api.store.list('cert-manager.io/certificates')) this.reconcileCertificate(c);
  }

  // ---- Issuers -------------------------------------------------------------------------

  private issuerRt(iss: KubeObject): ResourceType {
    return iss.kind === 'ClusterIssuer' ? this.rt.ClusterIssuer : this.rt.Issuer;
  }

  private secretChanged(secret: KubeObject, deleted: boolean): void {
    const ns = secret.metadata.namespace;
    const name = secret.metadata.name;
    const caIssuers = [...this.api.store.list('cert-manager.io/issuers', ns), ...(ns === CLUSTER_RESOURCE_NAMESPACE ? this.api.store.list('cert-manager.io/clusterissuers') : [])].filter(
      (i) => dig(i, 'spec', 'ca', 'secretName') === name,
    );
    for (const i of caIssuers) this.reconcileIssuer(i);
    // A Certificate whose Secret was deleted is re-issued, as cert-manager does.
    const owner = deleted ? secret.metadata.annotations?.['cert-manager.io/certificate-name'] : undefined;
    const cert = owner ? this.api.find(this.rt.Certificate, ns, owner) : undefined;
    if (cert) this.reconcileCertificate(cert);
  }

  /** The Ready condition cert-manager's issuer controllers would write. */
  private issuerReadiness(iss: KubeObject): { status: 'True' | 'False'; reason: string; message: string } {
    const acme = dig(iss, 'spec', 'acme') as JsonObject | undefined;
    if (acme) {
      const server = String(acme.server ?? '');
      let host = '';
      try {
        host = new URL(server).hostname;
      } catch {
        return { status: 'False', reason: 'InvalidURL', message: `Failed to parse existing ACME server URI "${server}"` };
      }
      // RFC 6761: `.invalid` never resolves, so it stands for an unreachable ACME server.
      if (host.endsWith('.invalid'))
        return { status: 'False', reason: 'ErrRegisterACMEAccount', message: `Failed to register ACME account: Get "${server}": dial tcp: lookup ${host} on 10.96.0.10:53: no such host` };
      return { status: 'True', reason: 'ACMEAccountRegistered', message: 'The ACME account was registered with the ACME server' };
    }
    const secretName = dig(iss, 'spec', 'ca', 'secretName');
    if (typeof secretName === 'string') {
      try {
        this.caOf(iss);
      } catch (e) {
        return { status: 'False', reason: 'ErrGetKeyPair', message: `Error getting keypair for CA issuer: ${(e as Error).message}` };
      }
      return { status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified' };
    }
    return { status: 'True', reason: 'IsReady', message: '' };
  }

  /** The CA key pair of a CA issuer, from its Secret; throws cert-manager's cause when unusable. */
  private caOf(iss: KubeObject): { authority: CertificateAuthority; chainPem: string; rootPem: string } {
    const ns = iss.kind === 'ClusterIssuer' ? CLUSTER_RESOURCE_NAMESPACE : iss.metadata.namespace;
    const name = String(dig(iss, 'spec', 'ca', 'secretName'));
    const secret = this.api.find(this.rt.Secret, ns, name);
    // cert-manager's filtered Secrets cache falls back to a GET: the apiserver's NotFound wording (plural).
    if (!secret) throw new Error(`secrets "${name}" not found`);
    const data = (secret.data ?? {}) as Record<string, string>;
    const chainPem = fromB64(data['tls.crt']);
    const keyPem = fromB64(data['tls.key']);
    if (!chainPem) throw new Error(`no data for "tls.crt" in secret '${ns}/${name}'`);
    if (!keyPem) throw new Error(`no data for "tls.key" in secret '${ns}/${name}'`);
    const authority = authorityFromPem(chainPem, keyPem);
    // pki.ParseSingleCertificateChain: self-signed roots leave the chain and become ca.crt.
    const blocks = [...new Set([...pemBlocks(chainPem), ...pemBlocks(fromB64(data['ca.crt']))].map((b) => b.toString('base64')))].map((b) => Buffer.from(b, 'base64'));
    const top = blocks.find((b) => isSelfSigned(b)) ?? blocks.at(-1)!;
    return {
      authority,
      chainPem: blocks
        .filter((b) => !isSelfSigned(b))
        .map((b) => pem(b, 'CERTIFICATE'))
        .join(''),
      rootPem: pem(top, 'CERTIFICATE'),
    };
  }

  private reconcileIssuer(from: KubeObject): void {
    const iss = this.api.find(this.issuerRt(from), from.metadata.namespace, from.metadata.name ?? '');
    if (!iss) return;
    const want = this.issuerReadiness(iss);
    const conds = (dig(iss, 'status', 'conditions') as Cond[] | undefined) ?? [];
    const existing = conds.find((c) => c.type === 'Ready');
    const generation = iss.metadata.generation ?? 1;
    if (existing && existing.status === want.status && existing.reason === want.reason && (existing.message ?? '') === want.message && existing.observedGeneration === generation) return;
    const time = existing?.status === want.status ? existing.lastTransitionTime : this.clock.timestamp();
    const acme = dig(iss, 'spec', 'acme') !== undefined && want.status === 'True';
    // Go's `json:"message,omitempty"`: a SelfSigned issuer's Ready condition has no message at all.
    const { message, ...ready } = condition('Ready', want.status, want.reason, want.message, time, generation);
    this.api.writeStatus(this.issuerRt(iss), iss, {
      ...(acme ? { acme: { uri: 'https://acme-v02.api.letsencrypt.org/acme/acct/0', lastRegisteredEmail: String(dig(iss, 'spec', 'acme', 'email') ?? '') } } : {}),
      conditions: [{ ...ready, ...(message ? { message } : {}) }],
    });
    // Pending requests of this issuer move on (or stay) with its new state.
    for (const c of this.certificatesOf(iss)) this.reconcileCertificate(c);
  }

  private certificatesOf(iss: KubeObject): KubeObject[] {
    const cluster = iss.kind === 'ClusterIssuer';
    return this.api.store.list('cert-manager.io/certificates', cluster ? undefined : iss.metadata.namespace).filter((c) => {
      const ref = (dig(c, 'spec', 'issuerRef') ?? {}) as JsonObject;
      return ref.name === iss.metadata.name && ((ref.kind ?? 'Issuer') === 'ClusterIssuer') === cluster;
    });
  }

  private issuerOf(cert: KubeObject): { issuer?: KubeObject; kind: string; name: string } {
    const ref = (dig(cert, 'spec', 'issuerRef') ?? {}) as JsonObject;
    const kind = (ref.kind as string | undefined) ?? 'Issuer';
    const name = String(ref.name ?? '');
    const issuer = kind === 'ClusterIssuer' ? this.api.find(this.rt.ClusterIssuer, undefined, name) : this.api.find(this.rt.Issuer, cert.metadata.namespace, name);
    return { issuer, kind, name };
  }

  /** Why a CertificateRequest for `cert` cannot be signed now (the CR controller's Pending message). */
  private issuerProblem(cert: KubeObject): string | undefined {
    const { issuer, kind, name } = this.issuerOf(cert);
    if (!issuer) return `Referenced "${kind}" not found: ${kind.toLowerCase()}.cert-manager.io "${name}" not found`;
    const ready = ((dig(issuer, 'status', 'conditions') as Cond[] | undefined) ?? []).find((c) => c.type === 'Ready');
    if (ready?.status !== 'True') return 'Referenced issuer does not have a Ready status condition';
    return undefined;
  }

  // ---- ingress-shim --------------------------------------------------------------------

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
      if (ann['cert-manager.io/private-key-algorithm'])
        spec.privateKey = { algorithm: ann['cert-manager.io/private-key-algorithm'], ...(ann['cert-manager.io/private-key-size'] ? { size: Number(ann['cert-manager.io/private-key-size']) } : {}) };
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

  // ---- Certificates --------------------------------------------------------------------

  private duration(cert: KubeObject): number {
    return parseGoDuration(String(dig(cert, 'spec', 'duration') ?? '')) ?? DEFAULT_DURATION_MS;
  }

  /** pki.RenewalTime over the issued validity: renewBeforePercentage or renewBefore, else (or when not shorter) a third of it. */
  private renewalTime(cert: KubeObject, notBefore: number, notAfter: number): number {
    const actual = notAfter - notBefore;
    const pct = dig(cert, 'spec', 'renewBeforePercentage');
    const rb = typeof pct === 'number' ? (actual * pct) / 100 : parseGoDuration(String(dig(cert, 'spec', 'renewBefore') ?? ''));
    return notAfter - (rb !== undefined && rb < actual ? rb : Math.floor(actual / 3));
  }

  private keySpec(cert: KubeObject): KeySpec {
    const pk = (dig(cert, 'spec', 'privateKey') ?? {}) as JsonObject;
    // cert-manager's default is RSA 2048 (pki.GeneratePrivateKeyForCertificate).
    const algorithm = pk.algorithm === 'ECDSA' || pk.algorithm === 'Ed25519' ? pk.algorithm : 'RSA';
    return { algorithm, size: typeof pk.size === 'number' ? pk.size : undefined, encoding: pk.encoding === 'PKCS8' ? 'PKCS8' : 'PKCS1' };
  }

  /** The trigger controller's verdict: why a new certificate is needed, or undefined. */
  private trigger(cert: KubeObject, secret: KubeObject | undefined): Trigger | undefined {
    if (!secret) return { reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' };
    const ann = secret.metadata.annotations ?? {};
    const ref = (dig(cert, 'spec', 'issuerRef') ?? {}) as JsonObject;
    const was = { name: ann['cert-manager.io/issuer-name'], kind: ann['cert-manager.io/issuer-kind'] || 'Issuer', group: ann['cert-manager.io/issuer-group'] || 'cert-manager.io' };
    if (was.name !== ref.name || was.kind !== (ref.kind ?? 'Issuer') || was.group !== (ref.group ?? 'cert-manager.io'))
      return { reason: 'IncorrectIssuer', message: `Issuing certificate as Secret was previously issued by "${was.kind}.${was.group}/${was.name ?? ''}"` };
    const keyViolations = this.keyViolations(cert, secret);
    if (keyViolations.length) return { reason: 'SecretMismatch', message: `Existing private key is not up to date for spec: [${keyViolations.join(' ')}]` };
    const violations = this.specViolations(cert, secret);
    if (violations.length) return { reason: 'RequestChanged', message: `Fields on existing CertificateRequest resource not up to date: [${violations.join(' ')}]` };
    const renewal = Date.parse(String(dig(cert, 'status', 'renewalTime') ?? ''));
    if (!Number.isFinite(renewal) || renewal <= this.clock.nowMs())
      return { reason: 'Renewing', message: `Renewing certificate as renewal was scheduled at ${Number.isFinite(renewal) ? goTime(renewal) : '<nil>'}` };
    return undefined;
  }

  /** Spec fields that differ from what the current revision was issued for (Secret annotations + its CertificateRequest). */
  private specViolations(cert: KubeObject, secret: KubeObject): string[] {
    const ann = secret.metadata.annotations ?? {};
    const list = (k: string) => ((dig(cert, 'spec', k) as string[] | undefined) ?? []).join(',');
    const out: string[] = [];
    if (ann['cert-manager.io/alt-names'] !== list('dnsNames')) out.push('spec.dnsNames');
    if (ann['cert-manager.io/ip-sans'] !== list('ipAddresses')) out.push('spec.ipAddresses');
    if ((ann['cert-manager.io/common-name'] ?? '') !== String(dig(cert, 'spec', 'commonName') ?? '')) out.push('spec.commonName');
    const revision = dig(cert, 'status', 'revision');
    const cr = revision === undefined ? undefined : this.api.find(this.rt.CertificateRequest, cert.metadata.namespace, `${cert.metadata.name}-${String(revision)}`);
    if (cr) {
      if ((dig(cr, 'spec', 'duration') ?? '') !== (dig(cert, 'spec', 'duration') === undefined ? '' : this.durationText(cert))) out.push('spec.duration');
      if (Boolean(dig(cr, 'spec', 'isCA')) !== Boolean(dig(cert, 'spec', 'isCA'))) out.push('spec.isCA');
    }
    return out;
  }

  private keyViolations(cert: KubeObject, secret: KubeObject): string[] {
    try {
      return keyMismatch(this.keySpec(cert), createPrivateKey(fromB64((secret.data as Record<string, string> | undefined)?.['tls.key'])));
    } catch {
      return ['spec.privateKey'];
    }
  }

  private durationText(cert: KubeObject): string {
    const duration = this.duration(cert);
    const h = Math.floor(duration / HOUR);
    const m = Math.floor((duration % HOUR) / 60_000);
    const s = Math.floor((duration % 60_000) / 1000);
    return `${h}h${m}m${s}s`;
  }

  private reconcileCertificate(from: KubeObject): void {
    // Events carry the object as it was; decide on the stored one (an issuance may have landed since).
    const cert = this.api.find(this.rt.Certificate, from.metadata.namespace, from.metadata.name ?? '');
    if (!cert || this.inFlight.has(cert.metadata.uid ?? '')) return;
    const secret = this.api.find(this.rt.Secret, cert.metadata.namespace, String(dig(cert, 'spec', 'secretName') ?? ''));
    const trigger = this.trigger(cert, secret) ?? this.issuingRequested(cert);
    if (!trigger) {
      this.writeCertificateStatus(cert, {}, { Ready: this.readiness(cert, secret) }, ['Issuing']);
      return;
    }
    this.requestIssuance(cert, secret, trigger);
  }

  /** An Issuing condition someone else set (`cmctl renew`): cert-manager issues on it, whatever the trigger says. */
  private issuingRequested(cert: KubeObject): Trigger | undefined {
    const issuing = (dig(cert, 'status', 'conditions') as Cond[] | undefined)?.find((c) => c.type === 'Issuing' && c.status === 'True');
    return issuing ? { reason: issuing.reason, message: issuing.message } : undefined;
  }

  /** The readiness controller's Ready condition. */
  private readiness(cert: KubeObject, secret: KubeObject | undefined): [status: 'True' | 'False', reason: string, message: string] {
    if (!secret) return ['False', 'DoesNotExist', 'Issuing certificate as Secret does not exist'];
    const notAfter = Date.parse(String(dig(cert, 'status', 'notAfter') ?? ''));
    if (Number.isFinite(notAfter) && notAfter <= this.clock.nowMs()) return ['False', 'Expired', `Certificate expired on ${rfc1123(notAfter)}`];
    return ['True', 'Ready', 'Certificate is up to date and has not expired'];
  }

  /** Merges conditions (keeping lastTransitionTime while a status holds) and fields; writes only on change. */
  private writeCertificateStatus(cert: KubeObject, fields: JsonObject, set: Record<string, [status: 'True' | 'False', reason: string, message: string]>, remove: string[] = []): KubeObject {
    const cur = this.api.find(this.rt.Certificate, cert.metadata.namespace, cert.metadata.name ?? '') ?? cert;
    const before = (cur.status ?? {}) as JsonObject;
    const conds = ((before.conditions as Cond[] | undefined) ?? []).filter((c) => !remove.includes(c.type) && !(c.type in set));
    const now = this.clock.timestamp();
    for (const [type, [status, reason, message]] of Object.entries(set)) {
      const old = ((before.conditions as Cond[] | undefined) ?? []).find((c) => c.type === type);
      conds.push(condition(type, status, reason, message, old?.status === status ? old.lastTransitionTime : now, cur.metadata.generation ?? 1));
    }
    const order = ['Ready', 'Issuing'];
    conds.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    return this.api.writeStatus(this.rt.Certificate, cur, { ...before, ...fields, conditions: conds }) ?? cur;
  }

  private writeRequestStatus(cr: KubeObject, ready: [status: 'True' | 'False', reason: string, message: string], extra: JsonObject = {}): void {
    const conds = (dig(cr, 'status', 'conditions') as Cond[] | undefined) ?? [];
    const old = conds.find((c) => c.type === 'Ready');
    if (old && old.status === ready[0] && old.reason === ready[1] && old.message === ready[2] && !Object.keys(extra).length) return;
    const approved = conds.find((c) => c.type === 'Approved') ?? condition('Approved', 'True', 'cert-manager.io', 'Certificate request has been approved by cert-manager.io', this.clock.timestamp());
    const time = old?.status === ready[0] ? old.lastTransitionTime : this.clock.timestamp();
    this.api.writeStatus(this.rt.CertificateRequest, cr, {
      ...((cr.status as JsonObject | undefined) ?? {}),
      ...extra,
      conditions: [approved, condition('Ready', ready[0], ready[1], ready[2], time)],
    });
  }

  /** Issuing=True, the next revision's CertificateRequest, and signing when the issuer allows. */
  private requestIssuance(cert: KubeObject, secret: KubeObject | undefined, trigger: Trigger): void {
    const issuing = (dig(cert, 'status', 'conditions') as Cond[] | undefined)?.find((c) => c.type === 'Issuing' && c.status === 'True');
    // Once issuing, the reason stays the one that started it (cert-manager does not re-trigger).
    const reason: [status: 'True', reason: string, message: string] = issuing ? ['True', issuing.reason, issuing.message] : ['True', trigger.reason, trigger.message];
    const cur = this.writeCertificateStatus(cert, {}, { Ready: this.readiness(cert, secret), Issuing: reason });
    const keys = this.nextKey(cur);
    if (!keys) return;
    const cr = this.ensureRequest(cur, keys);
    const problem = this.issuerProblem(cur);
    if (problem) {
      this.writeRequestStatus(cr, ['False', 'Pending', problem]);
      return;
    }
    try {
      this.sign(cur, cr, keys);
    } catch (e) {
      // Never let a signing failure escape into a clock move or the controller loop.
      this.onError(e);
    }
  }

  /**
   * The private key of the next revision (cert-manager's key-manager keeps it in a temporary
   * Secret; here in memory), made once per revision. Undefined while an RSA key is generated:
   * the Certificate is reconciled again when it is ready.
   */
  private nextKey(cert: KubeObject): KeyPair | undefined {
    const uid = cert.metadata.uid ?? '';
    const spec = this.keySpec(cert);
    const have = this.nextKeys.get(uid);
    if (have && !keyMismatch(spec, have.privateKey).length) return have;
    const ready = readyKeyPair(spec);
    if (ready) {
      this.nextKeys.set(uid, ready);
      return ready;
    }
    this.inFlight.add(uid);
    const p: Promise<void> = keyPairFor(spec)
      .then(() => undefined)
      .catch((e: unknown) => this.onError(e))
      .finally(() => {
        this.inFlight.delete(uid);
        this.pending.delete(p);
        this.reconcileCertificate(cert);
      });
    this.pending.add(p);
    return undefined;
  }

  private ensureRequest(cert: KubeObject, keys: KeyPair): KubeObject {
    const ns = cert.metadata.namespace;
    const name = cert.metadata.name ?? '';
    const revision = Number(dig(cert, 'status', 'revision') ?? 0) + 1;
    const crName = `${name}-${revision}`;
    const existing = this.api.find(this.rt.CertificateRequest, ns, crName);
    if (existing) return existing;
    const ref = (dig(cert, 'spec', 'issuerRef') ?? {}) as JsonObject;
    const cr = this.api.create(
      this.rt.CertificateRequest,
      ns,
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'CertificateRequest',
        metadata: {
          name: crName,
          namespace: ns,
          annotations: {
            'cert-manager.io/certificate-name': name,
            'cert-manager.io/certificate-revision': String(revision),
            // The key manager's temporary Secret is created with generateName `<name>-`.
            'cert-manager.io/private-key-secret-name': `${name}-${generatedSuffix()}`,
          },
          ownerReferences: [ownerRef(this.rt.Certificate, cert)],
        },
        // The request manager copies issuerRef, duration and usages as written: no defaults filled in.
        spec: {
          issuerRef: ref,
          ...(dig(cert, 'spec', 'usages') !== undefined ? { usages: dig(cert, 'spec', 'usages') } : {}),
          ...(dig(cert, 'spec', 'duration') !== undefined ? { duration: this.durationText(cert) } : {}),
          ...(dig(cert, 'spec', 'isCA') ? { isCA: true } : {}),
          request: b64(certificateRequestPem(this.subjectOf(cert), keys)),
        },
      },
      { fieldManager: 'cert-manager-certificates-request-manager', fieldValidation: 'Ignore' },
    ).object;
    // cert-manager's approver approves requests for its own issuers at once.
    return (
      this.api.writeStatus(this.rt.CertificateRequest, cr, {
        conditions: [condition('Approved', 'True', 'cert-manager.io', 'Certificate request has been approved by cert-manager.io', this.clock.timestamp())],
      }) ?? cr
    );
  }

  /** What the Certificate asks to be certified: subject, SANs, CA-ness and extended key usages. */
  private subjectOf(cert: KubeObject): SubjectOptions {
    const spec = (cert.spec ?? {}) as JsonObject;
    const usages = (spec.usages as string[] | undefined) ?? [];
    return {
      commonName: spec.commonName as string | undefined,
      dnsNames: (spec.dnsNames as string[] | undefined) ?? [],
      ipAddresses: (spec.ipAddresses as string[] | undefined) ?? [],
      uris: (spec.uris as string[] | undefined) ?? [],
      isCA: spec.isCA === true,
      // cert-manager's default usages (digital signature, key encipherment) carry no extended key usage.
      clientAuth: usages.includes('client auth'),
      serverAuth: usages.includes('server auth'),
    };
  }

  /** Signs per the issuer's type and records the result on the Secret, the request and the Certificate. */
  private sign(cert: KubeObject, cr: KubeObject, keys: KeyPair): void {
    const ns = cert.metadata.namespace;
    const name = cert.metadata.name ?? '';
    const spec = (cert.spec ?? {}) as JsonObject;
    const subject = this.subjectOf(cert);
    const dnsNames = subject.dnsNames ?? [];
    const ipAddresses = subject.ipAddresses ?? [];
    const uris = subject.uris ?? [];
    const commonName = subject.commonName;
    const keySpec = this.keySpec(cert);
    const notBefore = new Date(Math.floor(this.clock.nowMs() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + this.duration(cert));
    const opts = { ...subject, notBefore, notAfter, keys };
    const { issuer } = this.issuerOf(cert);
    let issued: IssuedCertificate;
    let chain: string;
    let caPem: string | undefined;
    if (issuer && dig(issuer, 'spec', 'selfSigned') !== undefined) {
      issued = selfSignedCertificate(opts);
      chain = '';
      caPem = issued.certPem;
    } else if (issuer && dig(issuer, 'spec', 'ca') !== undefined) {
      let ca: ReturnType<CertManagerController['caOf']>;
      try {
        ca = this.caOf(issuer);
      } catch {
        // The issuer's status has not caught up with its Secret yet: cert-manager's CA signer leaves the request Pending.
        const secretNs = issuer.kind === 'ClusterIssuer' ? CLUSTER_RESOURCE_NAMESPACE : issuer.metadata.namespace;
        this.writeRequestStatus(cr, ['False', 'Pending', `Referenced secret ${secretNs ?? ''}/${String(dig(issuer, 'spec', 'ca', 'secretName'))} not found`]);
        return;
      }
      // v1.21's CA signer (pki.SignCSRTemplate) does not cap the leaf at its CA's notAfter: it may outlive it.
      issued = issueCertificate(ca.authority, opts);
      chain = ca.chainPem;
      caPem = ca.rootPem;
    } else {
      issued = issueCertificate(this.ca.intermediate, opts);
      chain = this.ca.intermediate.certPem;
      caPem = issuer && dig(issuer, 'spec', 'acme') !== undefined ? undefined : this.ca.root.certPem;
    }
    const cur = this.api.find(this.rt.Certificate, ns, name);
    if (!cur || cur.metadata.uid !== cert.metadata.uid) return;
    this.nextKeys.delete(cur.metadata.uid ?? '');
    const ref = (dig(cur, 'spec', 'issuerRef') ?? {}) as JsonObject;
    const revision = Number(dig(cur, 'status', 'revision') ?? 0) + 1;
    const tlsCrt = issued.certPem + chain;
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: String(spec.secretName ?? name),
        namespace: ns,
        annotations: {
          'cert-manager.io/alt-names': dnsNames.join(','),
          'cert-manager.io/certificate-name': name,
          'cert-manager.io/common-name': commonName ?? '',
          'cert-manager.io/ip-sans': ipAddresses.join(','),
          // Copied from the request's issuerRef as written ('' when the Certificate left them out).
          'cert-manager.io/issuer-group': String(ref.group ?? ''),
          'cert-manager.io/issuer-kind': String(ref.kind ?? ''),
          'cert-manager.io/issuer-name': String(ref.name ?? ''),
          'cert-manager.io/uri-sans': uris.join(','),
        },
        labels: { 'controller.cert-manager.io/fao': 'true', ...((dig(cur, 'spec', 'secretTemplate', 'labels') as Record<string, string> | undefined) ?? {}) },
      },
      type: 'kubernetes.io/tls',
      data: { ...(caPem ? { 'ca.crt': b64(caPem) } : {}), 'tls.crt': b64(tlsCrt), 'tls.key': b64(privateKeyPem(keys.privateKey, keySpec.encoding)) },
    };
    const existing = this.api.find(this.rt.Secret, ns, String(spec.secretName ?? name));
    // Replace data wholesale: a stale ca.crt from another issuer must not survive.
    if (existing)
      this.api.update(
        this.rt.Secret,
        ns,
        existing.metadata.name ?? '',
        { ...existing, ...secret, metadata: { ...existing.metadata, ...secret.metadata, labels: { ...existing.metadata.labels, ...secret.metadata.labels }, resourceVersion: undefined } },
        { fieldManager: 'cert-manager-certificates-issuing', fieldValidation: 'Ignore' },
      );
    else this.api.upsert(this.rt.Secret, secret, 'cert-manager-certificates-issuing');
    this.writeRequestStatus(this.api.find(this.rt.CertificateRequest, ns, cr.metadata.name ?? '') ?? cr, ['True', 'Issued', 'Certificate fetched from issuer successfully'], {
      certificate: b64(tlsCrt),
      ...(caPem ? { ca: b64(caPem) } : {}),
    });
    this.writeCertificateStatus(
      cur,
      { notBefore: rfc3339(notBefore.getTime()), notAfter: rfc3339(issued.notAfter.getTime()), renewalTime: rfc3339(this.renewalTime(cur, notBefore.getTime(), issued.notAfter.getTime())), revision },
      { Ready: ['True', 'Ready', 'Certificate is up to date and has not expired'] },
      ['Issuing'],
    );
    this.pruneRequests(cur, revision);
  }

  /** The revision manager: keeps the `spec.revisionHistoryLimit` (default 1) latest issued revisions' requests. */
  private pruneRequests(cert: KubeObject, revision: number): void {
    const limit = Number(dig(cert, 'spec', 'revisionHistoryLimit') ?? 1);
    for (const cr of this.api.store.list('cert-manager.io/certificaterequests', cert.metadata.namespace)) {
      const ann = cr.metadata.annotations ?? {};
      const crRevision = Number(ann['cert-manager.io/certificate-revision']);
      if (ann['cert-manager.io/certificate-name'] === cert.metadata.name && crRevision <= revision - limit)
        this.api.delete(this.rt.CertificateRequest, cert.metadata.namespace, cr.metadata.name ?? '');
    }
  }
}

/** Five characters as the apiserver's generateName appends them (no vowels, no look-alikes). */
function generatedSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}
