import { describe, expect, it } from 'vitest';
import { type CertificateAuthority, createCaChain, createCertificateAuthority, issueCertificate, keyPairFor } from '../../../kube-sim/src/certs.js';
import { tlsCertificateFacts } from '../kinds/certificate.js';
import { type CertificateSourceObject, buildTrackedCertificates } from './build-tracked-certificates.js';
import { hostCovered } from './host-coverage.js';

const now = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const { root, intermediate } = createCaChain(now);
const b64 = (s: string) => Buffer.from(s).toString('base64');

function leafPem(ca: CertificateAuthority, dnsNames: string[], opts: { days?: number; keys?: Awaited<ReturnType<typeof keyPairFor>> } = {}) {
  return issueCertificate(ca, { commonName: dnsNames[0], dnsNames, notBefore: new Date(now.getTime() - DAY), notAfter: new Date(now.getTime() + (opts.days ?? 90) * DAY), keys: opts.keys }).certPem;
}

/** A TLS Secret as the sync stores it: labels, a slimmed body, and the facts parsed from tls.crt/ca.crt. */
function secret(namespace: string, name: string, tlsCrt: string, opts: { caCrt?: string; labels?: Record<string, string> } = {}): CertificateSourceObject {
  const data = { 'tls.crt': b64(tlsCrt), 'tls.key': b64('never read'), ...(opts.caCrt ? { 'ca.crt': b64(opts.caCrt) } : {}) };
  return { resource: 'secrets', namespace, name, labels: opts.labels ?? {}, body: { metadata: { namespace, name }, dataKeys: Object.keys(data), certificate: tlsCertificateFacts({ data }) } };
}
const obj = (resource: string, namespace: string, name: string, body: Record<string, unknown>, labels: Record<string, string> = {}): CertificateSourceObject => ({
  resource,
  namespace,
  name,
  labels,
  body: { metadata: { namespace, name, labels }, ...body },
});
const condition = (type: string, ok: boolean, reason: string, message = '') => ({ type, status: ok ? 'True' : 'False', reason, message });
const certificate = (namespace: string, name: string, secretName: string, opts: { ready?: boolean; message?: string; issuer?: Record<string, string>; renewalTime?: string; revision?: number } = {}) =>
  obj('certificates', namespace, name, {
    spec: { secretName, dnsNames: [`${name}.example.com`], issuerRef: opts.issuer ?? { name: 'ca', kind: 'Issuer' } },
    status: {
      conditions: [condition('Ready', opts.ready ?? true, opts.ready === false ? 'DoesNotExist' : 'Ready', opts.message ?? 'Certificate is up to date and has not expired')],
      notBefore: new Date(now.getTime() - DAY).toISOString(),
      notAfter: new Date(now.getTime() + 89 * DAY).toISOString(),
      renewalTime: opts.renewalTime ?? new Date(now.getTime() + 59 * DAY).toISOString(),
      revision: opts.revision ?? 1,
    },
  });
const issuer = (namespace: string, name: string, ready: boolean, message = '') =>
  obj('issuers', namespace, name, { status: { conditions: [condition('Ready', ready, ready ? 'KeyPairVerified' : 'ErrGetKeyPair', message)] } });
const request = (namespace: string, certName: string, revision: number, ready: boolean, reason: string, message: string) =>
  obj('certificaterequests', namespace, `${certName}-${revision}`, {
    metadata: { namespace, name: `${certName}-${revision}`, annotations: { 'cert-manager.io/certificate-name': certName, 'cert-manager.io/certificate-revision': String(revision) } },
    status: { conditions: [condition('Approved', true, 'cert-manager.io'), condition('Ready', ready, reason, message)] },
  });
const ingress = (namespace: string, name: string, tls: { hosts: string[]; secretName: string }[]) => obj('ingresses', namespace, name, { spec: { tls } });
const gateway = (namespace: string, name: string, listeners: unknown[]) => obj('gateways', namespace, name, { spec: { gatewayClassName: 'eg', listeners } });

describe('buildTrackedCertificates', () => {
  it('joins a fresh cert-manager certificate with its Secret, issuer, latest request and users: no problem at all', () => {
    const rows = buildTrackedCertificates([
      obj('namespaces', '', 'shop', {}, { 'portico.dev/owner': 'team-shop' }),
      secret('shop', 'web-tls', leafPem(intermediate, ['web.example.com']) + intermediate.certPem, { caCrt: root.certPem }),
      certificate('shop', 'web', 'web-tls', { revision: 2 }),
      issuer('shop', 'ca', true),
      request('shop', 'web', 1, true, 'Issued', 'Certificate fetched from issuer successfully'),
      request('shop', 'web', 2, true, 'Issued', 'Certificate fetched from issuer successfully (2)'),
      ingress('shop', 'web', [{ hosts: ['WEB.example.com'], secretName: 'web-tls' }]),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      namespace: 'shop',
      secretName: 'web-tls',
      source: 'cert-manager',
      secretExists: true,
      certManagerName: 'web',
      commonName: 'web.example.com',
      issuerName: 'kube-sim-intermediate-ca',
      dnsNames: ['web.example.com'],
      lifetimeSeconds: 91 * 86_400,
      keyAlgorithm: 'ECDSA',
      keySize: 256,
      chainComplete: true,
      issuerRefKind: 'Issuer',
      issuerRefName: 'ca',
      issuerReady: true,
      ready: true,
      revision: 2,
      requestState: 'Issued',
      requestMessage: 'Certificate fetched from issuer successfully (2)',
      usedBy: [{ kind: 'Ingress', namespace: 'shop', name: 'web', listener: null, hosts: ['web.example.com'] }],
      hosts: ['web.example.com'],
      uncoveredHosts: [],
      owner: 'team-shop',
      problems: [],
      parseError: null,
    });
    expect(rows[0].chain.map((c) => [c.from, c.isCa])).toEqual([
      ['tls.crt', false],
      ['tls.crt', true],
      ['ca.crt', true],
    ]);
    expect(rows[0].intermediateNotAfter).toBe(intermediate.notAfter.toISOString());
  });

  it('reports a stuck issuance: not ready with its message, the issuer not ready, the latest request pending', () => {
    const [row] = buildTrackedCertificates([
      secret('shop', 'old-tls', leafPem(intermediate, ['old.example.com']) + intermediate.certPem),
      certificate('shop', 'old', 'old-tls', { ready: false, message: 'Issuing certificate as Secret was previously issued by Issuer.cert-manager.io/ca', revision: 1 }),
      issuer('shop', 'ca', false, 'Error getting keypair for CA issuer: secrets "ca-key-pair" not found'),
      request('shop', 'old', 1, true, 'Issued', 'done'),
      request('shop', 'old', 2, false, 'Pending', 'Referenced issuer does not have a Ready status condition'),
    ]);
    expect(row).toMatchObject({
      ready: false,
      readyReason: 'DoesNotExist',
      readyMessage: 'Issuing certificate as Secret was previously issued by Issuer.cert-manager.io/ca',
      issuerReady: false,
      issuerMessage: 'Error getting keypair for CA issuer: secrets "ca-key-pair" not found',
      requestState: 'Pending',
      requestMessage: 'Referenced issuer does not have a Ready status condition',
      problems: ['not-ready', 'issuer-not-ready'],
    });
  });

  it('says when the issuer does not exist, and does not judge an external issuer', () => {
    const rows = buildTrackedCertificates([
      certificate('a', 'x', 'x-tls', { issuer: { name: 'le', kind: 'ClusterIssuer' } }),
      certificate('a', 'y', 'y-tls', { issuer: { name: 'vault', kind: 'VaultIssuer', group: 'vault.example.com' } }),
    ]);
    expect(rows.map((r) => [r.secretName, r.source, r.secretExists, r.issuerReady, r.issuerMessage])).toEqual([
      ['x-tls', 'cert-manager', false, false, 'ClusterIssuer "le" does not exist.'],
      ['y-tls', 'cert-manager', false, null, null],
    ]);
    // Not yet issued and used by nobody: cert-manager's own status says it all; nothing is "missing".
    expect(rows[0].problems).toEqual(['issuer-not-ready']);
    expect(rows[0].notAfter).not.toBeNull(); // from the Certificate's status
  });

  it('finds hosts the certificate does not cover, from Ingress rules and Gateway listeners', () => {
    const [row] = buildTrackedCertificates([
      secret('shop', 'tls', leafPem(intermediate, ['shop.example.com', '*.shop.example.com']) + intermediate.certPem),
      ingress('shop', 'a', [{ hosts: ['shop.example.com', 'api.shop.example.com', 'other.example.com'], secretName: 'tls' }]),
      gateway('shop', 'gw', [
        { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'a.b.shop.example.com', tls: { certificateRefs: [{ name: 'tls' }] } },
        { name: 'http', protocol: 'HTTP', port: 80, hostname: 'plain.example.com', tls: { certificateRefs: [{ name: 'tls' }] } },
      ]),
    ]);
    expect(row.source).toBe('secret');
    expect(row.usedBy).toEqual([
      { kind: 'Ingress', namespace: 'shop', name: 'a', listener: null, hosts: ['shop.example.com', 'api.shop.example.com', 'other.example.com'] },
      { kind: 'Gateway', namespace: 'shop', name: 'gw', listener: 'https', hosts: ['a.b.shop.example.com'] },
    ]);
    expect(row.uncoveredHosts).toEqual(['a.b.shop.example.com', 'other.example.com']);
    expect(row.problems).toEqual(['hosts-not-covered']);
  });

  it('reports a Secret that an Ingress or a listener names but that does not exist', () => {
    const rows = buildTrackedCertificates([
      ingress('shop', 'a', [{ hosts: ['x.example.com'], secretName: 'gone-tls' }]),
      gateway('infra', 'gw', [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'y.example.com', tls: { certificateRefs: [{ name: 'wild', namespace: 'certs' }] } }]),
    ]);
    expect(rows.map((r) => [r.namespace, r.secretName, r.source, r.secretExists, r.problems, r.hosts])).toEqual([
      ['certs', 'wild', 'reference', false, ['secret-missing'], ['y.example.com']],
      ['shop', 'gone-tls', 'reference', false, ['secret-missing'], ['x.example.com']],
    ]);
  });

  it('flags a weak RSA key, an incomplete chain and an intermediate that expires before the leaf', async () => {
    const rsa1024 = await keyPairFor({ algorithm: 'RSA', size: 1024 });
    const rows = buildTrackedCertificates([
      secret('a', 'weak', leafPem(root, ['weak.example.com'], { keys: rsa1024 }), { caCrt: root.certPem }),
      // Signed by the intermediate, but only the root is in the bundle: clients cannot build the path.
      secret('a', 'no-intermediate', leafPem(intermediate, ['n.example.com']), { caCrt: root.certPem }),
      // Valid 11 years; the intermediate in tls.crt ends after 10.
      secret('a', 'outlives', leafPem(intermediate, ['o.example.com'], { days: 11 * 365 }) + intermediate.certPem),
    ]);
    const byName = Object.fromEntries(rows.map((r) => [r.secretName, r]));
    expect(byName.weak).toMatchObject({ keyAlgorithm: 'RSA', keySize: 1024, chainComplete: true, problems: ['weak-key'] });
    expect(byName['no-intermediate']).toMatchObject({ chainComplete: false, problems: ['chain-incomplete'] });
    expect(byName.outlives).toMatchObject({ chainComplete: true, problems: ['intermediate-expires-first'] });
  });

  it('takes the owner from the object, else its namespace', () => {
    const rows = buildTrackedCertificates([
      obj('namespaces', '', 'a', {}, { 'portico.dev/owner': 'team-a' }),
      secret('a', 'own', leafPem(root, ['own.example.com']), { labels: { 'portico.dev/owner': 'alice' } }),
      secret('a', 'inherits', leafPem(root, ['inherits.example.com'])),
      secret('b', 'nobody', leafPem(root, ['nobody.example.com'])),
    ]);
    expect(rows.map((r) => [r.secretName, r.owner])).toEqual([
      ['inherits', 'team-a'],
      ['own', 'alice'],
      ['nobody', null],
    ]);
  });

  it('keeps an unreadable certificate as a row with its parse error', () => {
    const [row] = buildTrackedCertificates([secret('a', 'bad', 'not a certificate')]);
    expect(row).toMatchObject({ secretExists: true, notAfter: null, parseError: 'tls.crt: No PEM certificate found (expected "-----BEGIN CERTIFICATE-----").', problems: [] });
  });

  it('reads other key types exactly', async () => {
    const ca384 = createCertificateAuthority('p384-ca', now);
    const cases: [Parameters<typeof keyPairFor>[0], string, number][] = [
      [{ algorithm: 'RSA', size: 2048 }, 'RSA', 2048],
      [{ algorithm: 'ECDSA', size: 384 }, 'ECDSA', 384],
      [{ algorithm: 'Ed25519' }, 'Ed25519', 256],
    ];
    for (const [spec, algorithm, size] of cases) {
      const [row] = buildTrackedCertificates([secret('a', 'k', leafPem(ca384, ['k.example.com'], { keys: await keyPairFor(spec) }))]);
      expect([row.keyAlgorithm, row.keySize, row.problems]).toEqual([algorithm, size, ['chain-incomplete']]);
    }
  });
});

describe('hostCovered', () => {
  it('matches as browsers do', () => {
    expect(hostCovered('Shop.Example.com', ['shop.example.com'])).toBe(true);
    expect(hostCovered('a.example.com', ['*.example.com'])).toBe(true);
    expect(hostCovered('example.com', ['*.example.com'])).toBe(false);
    expect(hostCovered('a.b.example.com', ['*.example.com'])).toBe(false);
    expect(hostCovered('*.example.com', ['*.example.com'])).toBe(true);
    expect(hostCovered('*.example.com', ['a.example.com'])).toBe(false);
  });
});
