/**
 * The simulated cert-manager's issuers as cert-manager runs them: CA chains signed with the CA
 * issuer's own key pair, private key algorithms and sizes, an Issuer that is not Ready (its
 * requests stay Pending, a due renewal stays overdue, the certificate expires) and its recovery.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type KubeObject, type Simulator } from '../src/index.js';
import { condOf, pemsOf, type CertStatus } from './cert-helpers.js';
import { tempDir, waitFor } from './helpers.js';

const DAY = 86400_000;
let sim: Simulator;

const cm = (kind: string, ns: string | undefined, name: string) => sim.objects.get('cert-manager.io/v1', kind, ns, name);
const certStatus = (ns: string, name: string) => (cm('Certificate', ns, name)?.status ?? {}) as CertStatus;
const cond = (o: KubeObject | undefined, type: string) => condOf(o?.status, type);
const secretData = (ns: string, name: string) => sim.objects.get('v1', 'Secret', ns, name)?.data as Record<string, string> | undefined;
const leafOf = (ns: string, name: string) => new X509Certificate(pemsOf(secretData(ns, name)!['tls.crt'])[0]);

function certificate(ns: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace: ns }, spec: { secretName: name, ...spec } };
}

beforeAll(async () => {
  sim = await startSimulator({ systemComponents: false });
  sim.objects.apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cert-manager' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'selfsigned' }, spec: { selfSigned: {} } },
    certificate('cert-manager', 'root', { isCA: true, commonName: 'Test Root', duration: '87600h', issuerRef: { name: 'selfsigned', kind: 'ClusterIssuer' } }),
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'root-ca' }, spec: { ca: { secretName: 'root' } } },
  ]);
  await sim.settle();
});
afterAll(async () => {
  await sim?.close();
});

describe('CA issuers and chains', () => {
  it('signs with the CA key pair in the issuer Secret: tls.crt = leaf + intermediate, ca.crt = root, one approved request per revision', async () => {
    sim.objects.apply([
      certificate('team', 'team-ca', { isCA: true, commonName: 'Team Intermediate', duration: '43800h', issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' } }),
      { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'team-ca', namespace: 'team' }, spec: { ca: { secretName: 'team-ca' } } },
      certificate('team', 'web', { dnsNames: ['web.team.example.com'], issuerRef: { name: 'team-ca' } }),
    ]);
    await waitFor(() => certStatus('team', 'web').revision === 1, 'web issued');
    expect(cond(cm('ClusterIssuer', undefined, 'root-ca'), 'Ready')).toMatchObject({ status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified' });
    expect(cond(cm('ClusterIssuer', undefined, 'selfsigned'), 'Ready')).toMatchObject({ status: 'True', reason: 'IsReady' });

    const data = secretData('team', 'web')!;
    const [leafPem, intermediatePem, ...rest] = pemsOf(data['tls.crt']);
    expect(rest).toEqual([]); // the self-signed root stays out of tls.crt
    const rootPem = Buffer.from(data['ca.crt'], 'base64').toString();
    const [leaf, intermediate, root] = [leafPem, intermediatePem, rootPem].map((p) => new X509Certificate(p));
    expect(leaf.subjectAltName).toBe('DNS:web.team.example.com');
    expect(leaf.issuer).toBe('CN=Team Intermediate');
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.ca && intermediate.verify(root.publicKey)).toBe(true);
    expect(root.subject).toBe('CN=Test Root');
    expect(root.verify(root.publicKey)).toBe(true);
    // openssl builds and checks the same chain.
    const dir = tempDir();
    writeFileSync(join(dir, 'leaf.pem'), leafPem);
    writeFileSync(join(dir, 'chain.pem'), intermediatePem);
    writeFileSync(join(dir, 'root.pem'), rootPem);
    expect(execFileSync('openssl', ['verify', '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'chain.pem'), join(dir, 'leaf.pem')]).toString()).toContain('leaf.pem: OK');
    expect(execFileSync('openssl', ['x509', '-noout', '-ext', 'keyUsage,basicConstraints', '-in', join(dir, 'chain.pem')]).toString()).toMatch(/Certificate Sign[\s\S]*CA:TRUE/);

    const cr = cm('CertificateRequest', 'team', 'web-1');
    // spec.request is a real PKCS#10 request for the issued key and names, as openssl reads it.
    writeFileSync(join(dir, 'web.csr'), Buffer.from(String((cr?.spec as { request?: string } | undefined)?.request), 'base64'));
    const csr = execFileSync('openssl', ['req', '-in', join(dir, 'web.csr'), '-noout', '-verify', '-text'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    expect(csr).toContain('DNS:web.team.example.com');
    expect(execFileSync('openssl', ['req', '-in', join(dir, 'web.csr'), '-noout', '-pubkey']).toString()).toBe(leaf.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(cr?.metadata.annotations).toMatchObject({ 'cert-manager.io/certificate-name': 'web', 'cert-manager.io/certificate-revision': '1' });
    expect(cr?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Certificate', name: 'web' });
    expect(cond(cr, 'Approved')).toMatchObject({ status: 'True', reason: 'cert-manager.io' });
    expect(cond(cr, 'Ready')).toMatchObject({ status: 'True', reason: 'Issued' });
  });

  it('honours spec.privateKey: RSA 1024/2048/4096 (PKCS#1), ECDSA P-384, Ed25519, PKCS#8 encoding', async () => {
    const cases = [
      { name: 'rsa-1024', privateKey: { algorithm: 'RSA', size: 1024 }, bits: 1024, header: 'RSA PRIVATE KEY' },
      { name: 'rsa-2048', privateKey: { algorithm: 'RSA', size: 2048 }, bits: 2048, header: 'RSA PRIVATE KEY' },
      { name: 'rsa-4096', privateKey: { algorithm: 'RSA', size: 4096, encoding: 'PKCS8' }, bits: 4096, header: 'PRIVATE KEY' },
      { name: 'ec-384', privateKey: { algorithm: 'ECDSA', size: 384 }, curve: 'secp384r1', header: 'EC PRIVATE KEY' },
      // The name is older than the default: without spec.privateKey cert-manager makes RSA 2048.
      { name: 'ec-default', privateKey: undefined, bits: 2048, header: 'RSA PRIVATE KEY' },
      { name: 'ed25519', privateKey: { algorithm: 'Ed25519' }, header: 'PRIVATE KEY' },
    ];
    sim.objects.apply(
      cases.map((c) =>
        certificate('team', c.name, { dnsNames: [`${c.name}.example.com`], issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' }, ...(c.privateKey ? { privateKey: c.privateKey } : {}) }),
      ),
    );
    await waitFor(() => cases.every((c) => certStatus('team', c.name).revision === 1), 'keys issued', 60_000);
    for (const c of cases) {
      const data = secretData('team', c.name)!;
      const details = leafOf('team', c.name).publicKey.asymmetricKeyDetails;
      if (c.bits) expect(details?.modulusLength, c.name).toBe(c.bits);
      if (c.curve) expect(details?.namedCurve, c.name).toBe(c.curve);
      expect(Buffer.from(data['tls.key'], 'base64').toString().split('\n')[0], c.name).toBe(`-----BEGIN ${c.header}-----`);
    }
    expect(leafOf('team', 'ed25519').publicKey.asymmetricKeyType).toBe('ed25519');
    // A SelfSigned issuer signs with the certificate's own key, Ed25519 included.
    sim.objects.apply(certificate('team', 'self-ed', { dnsNames: ['self-ed.example.com'], privateKey: { algorithm: 'Ed25519' }, issuerRef: { name: 'selfsigned', kind: 'ClusterIssuer' } }));
    await waitFor(() => certStatus('team', 'self-ed').revision === 1, 'self-signed Ed25519 issued');
    const self = leafOf('team', 'self-ed');
    expect(self.verify(self.publicKey)).toBe(true);
    expect(Buffer.from(secretData('team', 'self-ed')!['ca.crt'], 'base64').toString()).toBe(self.toString());
    // Each certificate has its own serial even where an RSA key is reused.
    expect(new Set(cases.map((c) => leafOf('team', c.name).fingerprint256)).size).toBe(cases.length);
  });

  it('issues past its CA as cert-manager v1.21 does: a leaf of a CA with 10 days left still gets its 90 days, renewal a third before its end', async () => {
    sim.objects.apply([
      certificate('team', 'short-ca', { isCA: true, commonName: 'Short CA', duration: '240h', issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' } }),
      { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'short-ca', namespace: 'team' }, spec: { ca: { secretName: 'short-ca' } } },
      certificate('team', 'capped', { dnsNames: ['capped.example.com'], usages: ['digital signature', 'key encipherment', 'server auth'], issuerRef: { name: 'short-ca' } }),
    ]);
    await waitFor(() => certStatus('team', 'capped').revision === 1, 'capped issued');
    const st = certStatus('team', 'capped');
    // pki.SignCSRTemplate does not cap the leaf at its CA (the real controller against the real control plane shows it).
    const validity = Date.parse(st.notAfter!) - Date.parse(st.notBefore!);
    expect(validity).toBe(2160 * 3600_000);
    expect(Date.parse(st.notAfter!)).toBeGreaterThan(Date.parse(certStatus('team', 'short-ca').notAfter!));
    expect(Date.parse(st.renewalTime!)).toBe(Date.parse(st.notAfter!) - validity / 3);
    expect(Date.parse(leafOf('team', 'capped').validTo)).toBe(Date.parse(st.notAfter!));
    // Extended key usage only when asked for, as cert-manager's usages go.
    expect(leafOf('team', 'capped').keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(leafOf('team', 'web').keyUsage).toBeUndefined();
  });

  it('re-issues when the spec or the key spec changes, as the next revision', async () => {
    const before = leafOf('team', 'ec-default').fingerprint256;
    sim.objects.apply(certificate('team', 'ec-default', { dnsNames: ['ec-default.example.com', 'alt.example.com'], issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' } }));
    await waitFor(() => certStatus('team', 'ec-default').revision === 2, 'revision 2');
    expect(leafOf('team', 'ec-default').subjectAltName).toBe('DNS:ec-default.example.com, DNS:alt.example.com');
    expect(leafOf('team', 'ec-default').fingerprint256).not.toBe(before);
    expect(cm('CertificateRequest', 'team', 'ec-default-2')?.metadata.annotations?.['cert-manager.io/certificate-revision']).toBe('2');
    // A different key algorithm in the spec (the default is RSA 2048): the stored key no longer matches, a new one is made.
    expect(leafOf('team', 'ec-default').publicKey.asymmetricKeyType).toBe('rsa');
    sim.objects.apply(
      certificate('team', 'ec-default', {
        dnsNames: ['ec-default.example.com', 'alt.example.com'],
        privateKey: { algorithm: 'ECDSA', size: 256 },
        issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' },
      }),
    );
    await waitFor(() => certStatus('team', 'ec-default').revision === 3, 'revision 3');
    expect(leafOf('team', 'ec-default').publicKey.asymmetricKeyType).toBe('ec');
  });
});

describe('an Issuer that is not Ready', () => {
  it('reports a missing CA Secret with ErrGetKeyPair; the request stays Pending until the Secret appears, then issues', async () => {
    sim.objects.apply([
      { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'later-ca', namespace: 'team' }, spec: { ca: { secretName: 'later-ca' } } },
      certificate('team', 'app', { dnsNames: ['app.team.example.com'], issuerRef: { name: 'later-ca' } }),
    ]);
    await sim.settle();
    expect(cond(cm('Issuer', 'team', 'later-ca'), 'Ready')).toMatchObject({ status: 'False', reason: 'ErrGetKeyPair', message: 'Error getting keypair for CA issuer: secrets "later-ca" not found' });
    const cr = cm('CertificateRequest', 'team', 'app-1');
    expect(cond(cr, 'Approved')?.status).toBe('True');
    expect(cond(cr, 'Ready')).toMatchObject({ status: 'False', reason: 'Pending', message: 'Referenced issuer does not have a Ready status condition' });
    expect(cond(cm('Certificate', 'team', 'app'), 'Issuing')).toMatchObject({ status: 'True', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' });
    expect(cond(cm('Certificate', 'team', 'app'), 'Ready')).toMatchObject({ status: 'False', reason: 'DoesNotExist' });
    expect(sim.objects.get('v1', 'Secret', 'team', 'app')).toBeUndefined();

    // The CA key pair arrives (issued by cert-manager itself): the Issuer turns Ready and the request is signed.
    sim.objects.apply(certificate('team', 'later-ca', { isCA: true, commonName: 'Later CA', duration: '43800h', issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' } }));
    await waitFor(() => certStatus('team', 'app').revision === 1, 'app issued');
    expect(cond(cm('Issuer', 'team', 'later-ca'), 'Ready')).toMatchObject({ status: 'True', reason: 'KeyPairVerified' });
    expect(cond(cm('CertificateRequest', 'team', 'app-1'), 'Ready')).toMatchObject({ status: 'True', reason: 'Issued' });
    expect(cond(cm('Certificate', 'team', 'app'), 'Issuing')).toBeUndefined();
    expect(leafOf('team', 'app').issuer).toBe('CN=Later CA');
  });

  it('leaves a due renewal overdue (Issuing, Pending request), expires the certificate, and renews once the Issuer recovers', async () => {
    const first = leafOf('team', 'app').fingerprint256;
    // The CA is decommissioned: Certificate first (else cert-manager would re-issue its Secret), then the Secret.
    sim.objects.delete('cert-manager.io/v1', 'Certificate', 'team', 'later-ca');
    sim.objects.delete('v1', 'Secret', 'team', 'later-ca');
    await waitFor(() => cond(cm('Issuer', 'team', 'later-ca'), 'Ready')?.status === 'False', 'issuer not ready');

    const renewal = Date.parse(certStatus('team', 'app').renewalTime!);
    sim.clock.set(renewal + 3600_000);
    await sim.settle();
    let st = certStatus('team', 'app');
    expect(st.revision).toBe(1);
    expect(st.conditions?.find((c) => c.type === 'Issuing')).toMatchObject({
      status: 'True',
      reason: 'Renewing',
      message: `Renewing certificate as renewal was scheduled at ${new Date(renewal).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`,
    });
    expect(st.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True'); // not expired yet, only overdue
    expect(cond(cm('CertificateRequest', 'team', 'app-2'), 'Ready')).toMatchObject({ status: 'False', reason: 'Pending' });
    expect(leafOf('team', 'app').fingerprint256).toBe(first);

    const notAfter = Date.parse(st.notAfter!);
    sim.clock.set(notAfter + DAY);
    await sim.settle();
    st = certStatus('team', 'app');
    expect(st.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'Expired',
      message: `Certificate expired on ${new Date(notAfter).toUTCString().replace('GMT', 'UTC')}`,
    });
    expect(st.revision).toBe(1);

    // Recovery: a new CA key pair; the pending request is signed, revision 2, Ready again.
    sim.objects.apply(certificate('team', 'later-ca', { isCA: true, commonName: 'Later CA 2', duration: '43800h', issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' } }));
    await waitFor(() => certStatus('team', 'app').revision === 2, 'renewed after recovery');
    st = certStatus('team', 'app');
    expect(st.conditions?.map((c) => [c.type, c.status])).toEqual([['Ready', 'True']]);
    expect(cond(cm('CertificateRequest', 'team', 'app-2'), 'Ready')?.reason).toBe('Issued');
    expect(leafOf('team', 'app').fingerprint256).not.toBe(first);
    expect(leafOf('team', 'app').issuer).toBe('CN=Later CA 2');
  });

  it('a clock move racing the CA Secret deletion leaves the request Pending (never throws), then names the Issuer', async () => {
    sim.objects.apply([
      certificate('team', 'race-ca', { isCA: true, commonName: 'Race CA', duration: '43800h', issuerRef: { name: 'root-ca', kind: 'ClusterIssuer' } }),
      { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'race-ca', namespace: 'team' }, spec: { ca: { secretName: 'race-ca' } } },
      certificate('team', 'racer', { dnsNames: ['racer.example.com'], duration: '24h', issuerRef: { name: 'race-ca' } }),
    ]);
    await waitFor(() => certStatus('team', 'racer').revision === 1, 'racer issued');
    sim.objects.delete('cert-manager.io/v1', 'Certificate', 'team', 'race-ca');
    sim.objects.delete('v1', 'Secret', 'team', 'race-ca');
    // Same tick: the Issuer still says Ready when the renewal is due.
    sim.clock.set(Date.parse(certStatus('team', 'racer').renewalTime!) + 60_000);
    expect(cond(cm('CertificateRequest', 'team', 'racer-2'), 'Ready')).toMatchObject({ status: 'False', reason: 'Pending', message: 'Referenced secret team/race-ca not found' });
    await sim.settle();
    expect(cond(cm('CertificateRequest', 'team', 'racer-2'), 'Ready')?.message).toBe('Referenced issuer does not have a Ready status condition');
    expect(certStatus('team', 'racer').revision).toBe(1);
  });

  it('reports an unreachable ACME server as cert-manager does', async () => {
    sim.objects.apply({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'offline-acme', namespace: 'team' },
      spec: { acme: { server: 'https://acme.example.invalid/directory', email: 'ops@example.com', privateKeySecretRef: { name: 'offline-acme' }, solvers: [{ http01: { ingress: {} } }] } },
    });
    await sim.settle();
    expect(cond(cm('Issuer', 'team', 'offline-acme'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ErrRegisterACMEAccount',
      message: 'Failed to register ACME account: Get "https://acme.example.invalid/directory": dial tcp: lookup acme.example.invalid on 10.96.0.10:53: no such host',
    });
  });
});
