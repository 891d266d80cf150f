/**
 * What cert-manager v1.21.2 (its controller built from the Go module, against the real control
 * plane: apps/worker/test/cert-manager-real.test.ts) showed where the simulator differed, held
 * here without a Go toolchain: requests copy the Certificate as written, the Secret's issuer
 * annotations likewise, a SelfSigned issuer's Ready condition has no message, `cmctl renew`
 * (Issuing set on status) issues the next revision, and only the latest request is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type KubeObject, type Simulator } from '../src/index.js';
import { condOf } from './cert-helpers.js';
import { request, waitFor } from './helpers.js';

let sim: Simulator;
const cm = (kind: string, ns: string | undefined, name: string) => sim.objects.get('cert-manager.io/v1', kind, ns, name);
const revisionOf = (name: string) => (cm('Certificate', 'team', name)?.status as { revision?: number } | undefined)?.revision;
const certificate = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name, namespace: 'team' },
  spec: { secretName: name, ...spec },
});

beforeAll(async () => {
  sim = await startSimulator({ systemComponents: false });
  sim.objects.apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'self', namespace: 'team' }, spec: { selfSigned: {} } },
    // No kind, no group, no duration, no usages: what the request and the Secret show of them.
    certificate('plain', { dnsNames: ['plain.example.com'], issuerRef: { name: 'self' } }),
    certificate('explicit', { dnsNames: ['explicit.example.com'], duration: '2160h', usages: ['server auth'], issuerRef: { name: 'self', kind: 'Issuer', group: 'cert-manager.io' } }),
  ]);
  await waitFor(() => revisionOf('plain') === 1 && revisionOf('explicit') === 1, 'both issued');
});
afterAll(async () => {
  await sim?.close();
});

describe('the simulated cert-manager where the real one differed', () => {
  it('copies issuerRef, duration and usages into the request as written, and names a generated key Secret', () => {
    const plain = cm('CertificateRequest', 'team', 'plain-1')!;
    expect(Object.keys(plain.spec as object).sort()).toEqual(['issuerRef', 'request']);
    expect((plain.spec as { issuerRef: unknown }).issuerRef).toEqual({ name: 'self' });
    expect(plain.metadata.annotations?.['cert-manager.io/private-key-secret-name']).toMatch(/^plain-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(cm('CertificateRequest', 'team', 'explicit-1')!.spec).toMatchObject({
      issuerRef: { name: 'self', kind: 'Issuer', group: 'cert-manager.io' },
      duration: '2160h0m0s',
      usages: ['server auth'],
    });
  });

  it('writes the Secret’s issuer kind and group as the request has them', () => {
    const annotations = (name: string) => sim.objects.get('v1', 'Secret', 'team', name)?.metadata.annotations ?? {};
    expect(annotations('plain')).toMatchObject({ 'cert-manager.io/issuer-name': 'self', 'cert-manager.io/issuer-kind': '', 'cert-manager.io/issuer-group': '' });
    expect(annotations('explicit')).toMatchObject({ 'cert-manager.io/issuer-kind': 'Issuer', 'cert-manager.io/issuer-group': 'cert-manager.io' });
    // Re-evaluating does not take the empty annotations for another issuer.
    expect(revisionOf('plain')).toBe(1);
  });

  it('leaves the message out of a SelfSigned issuer’s Ready condition', () => {
    const ready = condOf(cm('Issuer', 'team', 'self')?.status, 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'IsReady' });
    expect(ready).not.toHaveProperty('message');
  });

  it('issues the next revision when Issuing is set on status (cmctl renew), and keeps only the latest request', async () => {
    const cert = cm('Certificate', 'team', 'plain')!;
    const status = cert.status as { conditions: object[] };
    const issuing = { type: 'Issuing', status: 'True', reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered', lastTransitionTime: sim.clock.timestamp() };
    const res = await request(sim, 'PUT', '/apis/cert-manager.io/v1/namespaces/team/certificates/plain/status', {
      body: { ...cert, status: { ...status, conditions: [...status.conditions, issuing] } },
    });
    expect(res.status).toBe(200);
    await waitFor(() => revisionOf('plain') === 2, 'revision 2');
    expect(condOf(cm('Certificate', 'team', 'plain')?.status, 'Issuing')).toBeUndefined();
    expect(cm('CertificateRequest', 'team', 'plain-2')).toBeDefined();
    expect(cm('CertificateRequest', 'team', 'plain-1')).toBeUndefined();
  });
});
