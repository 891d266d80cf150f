/**
 * The course scenario's certificates at telling ages (issue 11's demo), produced by replaying
 * their history through the simulated cert-manager, and what 80 more days do to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type KubeObject, type Simulator } from '../src/index.js';
import { CREATED_AGO, DELETED_AGO } from '../src/scenario-history.js';
import { chainOf, condOf, type CertStatus } from './cert-helpers.js';

const DAY = 86400_000;
let sim: Simulator;
let start: number;

const status = (ns: string, name: string) => (sim.objects.get('cert-manager.io/v1', 'Certificate', ns, name)?.status ?? {}) as CertStatus;
const daysFrom = (iso: string | undefined, now: number) => Math.round((Date.parse(String(iso)) - now) / DAY);
const chain = (ns: string, name: string) => chainOf(sim.objects.get('v1', 'Secret', ns, name));

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course', systemComponents: false });
  start = sim.clock.nowMs();
});
afterAll(async () => {
  await sim?.close();
});

describe('course certificates', () => {
  it('start at the ages the demo needs, each matching its Secret', () => {
    const leafDays = (ns: string, name: string) => Math.round((Date.parse(chain(ns, name)[0].validTo) - start) / DAY);
    expect([daysFrom(status('demo', 'quickstart-example-tls').notAfter, start), leafDays('demo', 'quickstart-example-tls')]).toEqual([90, 90]);
    expect([daysFrom(status('shop', 'storefront-tls').notAfter, start), status('shop', 'storefront-tls').revision]).toEqual([70, 2]);
    expect([daysFrom(status('shop', 'checkout-tls').notAfter, start), leafDays('shop', 'checkout-tls'), daysFrom(status('shop', 'checkout-tls').renewalTime, start)]).toEqual([10, 10, 5]);
    expect(chain('shop', 'reports-tls')[0].publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    for (const [ns, name] of [
      ['demo', 'quickstart-example-tls'],
      ['shop', 'storefront-tls'],
      ['shop', 'checkout-tls'],
      ['shop', 'reports-tls'],
    ])
      expect(condOf(status(ns, name), 'Ready')?.status, name).toBe('True');
  });

  it('has a renewal overdue behind an Issuer that lost its CA Secret, and an expired certificate behind it', () => {
    const issuer = sim.objects.get('cert-manager.io/v1', 'Issuer', 'payments', 'payments-ca');
    expect(condOf(issuer?.status, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ErrGetKeyPair',
      message: 'Error getting keypair for CA issuer: secrets "payments-ca" not found',
    });
    const api = status('payments', 'api-tls');
    expect([api.revision, daysFrom(api.notAfter, start), daysFrom(api.renewalTime, start)]).toEqual([1, 15, -15]);
    expect(condOf(api, 'Ready')?.status).toBe('True');
    expect(condOf(api, 'Issuing')).toMatchObject({ status: 'True', reason: 'Renewing' });
    const pending = sim.objects.get('cert-manager.io/v1', 'CertificateRequest', 'payments', 'api-tls-2');
    expect(condOf(pending?.status, 'Ready')).toMatchObject({ status: 'False', reason: 'Pending', message: 'Referenced issuer does not have a Ready status condition' });
    // The request dates from the missed renewal time, as it would on a real cluster.
    expect(daysFrom(pending?.metadata.creationTimestamp, start)).toBe(-15);
    // Leaf + the payments intermediate; ca.crt is the platform root.
    const [leaf, intermediate] = chain('payments', 'api-tls');
    expect([leaf.issuer, intermediate.subject]).toEqual(['CN=Payments Issuing CA', 'CN=Payments Issuing CA']);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);

    const billing = status('payments', 'legacy-billing-tls');
    expect(daysFrom(billing.notAfter, start)).toBe(-15);
    expect(condOf(billing, 'Ready')).toMatchObject({ status: 'False', reason: 'Expired' });
  });

  it('labels owners and leaves no simulator annotations on stored objects', () => {
    expect(sim.objects.get('v1', 'Namespace', undefined, 'payments')?.metadata.labels?.['portico.dev/owner']).toBe('team-payments');
    expect(sim.objects.get('v1', 'Secret', 'shop', 'checkout-tls')?.metadata.labels?.['portico.dev/owner']).toBe('team-checkout');
    const kinds: [string, string][] = [
      ['v1', 'Namespace'],
      ['v1', 'Secret'],
      ['cert-manager.io/v1', 'Certificate'],
      ['cert-manager.io/v1', 'Issuer'],
      ['cert-manager.io/v1', 'ClusterIssuer'],
    ];
    const all: KubeObject[] = kinds.flatMap(([v, k]) => sim.objects.list(v, k));
    expect(all.filter((o) => o.metadata.annotations?.[CREATED_AGO] ?? o.metadata.annotations?.[DELETED_AGO])).toEqual([]);
    expect(daysFrom(sim.objects.get('v1', 'Namespace', undefined, 'shop')?.metadata.creationTimestamp, start)).toBe(-90);
  });

  it('loads without cert-manager too (its objects and their history left out)', async () => {
    const bare = await startSimulator({ scenario: 'course', certManager: false, systemComponents: false });
    try {
      expect(bare.objects.list('v1', 'Secret', 'payments')).toEqual([]);
      expect(bare.objects.get('v1', 'Namespace', undefined, 'shop')).toBeDefined();
    } finally {
      await bare.close();
    }
  });

  it('80 days on: healthy certificates are renewed (new fingerprint, revision + 1), the stuck one is not', async () => {
    const kuard = chain('demo', 'quickstart-example-tls')[0].fingerprint256;
    const stuck = chain('payments', 'api-tls')[0].fingerprint256;
    sim.clock.advance(80 * DAY);
    await sim.settle();
    expect(status('demo', 'quickstart-example-tls').revision).toBe(2);
    expect(chain('demo', 'quickstart-example-tls')[0].fingerprint256).not.toBe(kuard);
    expect(condOf(status('demo', 'quickstart-example-tls'), 'Ready')?.status).toBe('True');
    expect(status('shop', 'checkout-tls').revision).toBe(2);
    expect(status('payments', 'api-tls').revision).toBe(1);
    expect(chain('payments', 'api-tls')[0].fingerprint256).toBe(stuck);
    expect(condOf(status('payments', 'api-tls'), 'Ready')).toMatchObject({ status: 'False', reason: 'Expired' });
    expect(sim.objects.get('cert-manager.io/v1', 'CertificateRequest', 'payments', 'api-tls-3')).toBeUndefined();
  });
});
