import { type CredentialCipher, type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import type { Simulator } from '@portico/kube-sim';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.js';
import { evaluateCertificates } from '../src/jobs/evaluate-certificates.job.js';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { type TestDatabase, openTestDatabase, registerSimulator, startCourse, startQueueOnlyBoss, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * Alerts from a real sync of the simulator's cert-manager, on the simulator's clock (issue 11,
 * "Done when"): the course's certificates at telling ages raise exactly the expected levels; a
 * renewal stuck behind an Issuer that lost its CA raises "renewal overdue" once the clock passes
 * its renewal time; giving the Issuer its CA back lets cert-manager renew, which resolves it.
 * Portico's `now` is the simulator's clock, passed as the evaluation's parameter.
 */
const KEY = Buffer.alloc(32, 9).toString('base64');
const DAY = 86_400_000;
let sim: Simulator;
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let cipher: CredentialCipher;
let clusterId: string;
let organizationId: string;
let supervisor: SyncSupervisor;
let boss: PgBoss;

beforeAll(async () => {
  sim = await startCourse();
  database = await openTestDatabase('portico_alerts_sim', { db: 4, sql: 8 });
  ({ db, sql } = database);
  cipher = createCredentialCipher(KEY);
  clusterId = await registerSimulator(db, cipher, sim, 'course');
  organizationId = (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).organizationId;
  supervisor = startSupervisor({ sql, cipher });
  // Only enqueues the mails (no worker here): what is asserted is what the evaluation records.
  boss = await startQueueOnlyBoss(database.url);
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await boss?.stop({ graceful: false });
  await database?.close();
  await sim?.close();
});

const env = () => parseWorkerEnv({ DATABASE_URL: database.url, PORTICO_SECRET_KEY: KEY, PORTICO_PUBLIC_URL: 'http://portico.test' });
const evaluate = () => evaluateCertificates({ sql, env: env(), boss }, sim.clock.now(), organizationId);
const rowOf = (namespace: string, secretName: string) => db.trackedCertificate.findUnique({ where: { clusterId_namespace_secretName: { clusterId, namespace, secretName } } });
const openAlerts = async () =>
  (await db.certificateAlert.findMany({ where: { organizationId, resolvedAt: null }, orderBy: [{ namespace: 'asc' }, { secretName: 'asc' }] })).map((a) => `${a.namespace}/${a.secretName} ${a.level}`);

describe('certificate alerts from the simulator', () => {
  it('raise exactly the expected levels for the course certificates', async () => {
    await waitFor('the course certificates are tracked', async () => !!(await rowOf('payments', 'legacy-billing-tls')) && !!(await rowOf('demo', 'quickstart-example-tls')), 60_000);
    const summary = await evaluate();
    expect(await openAlerts()).toEqual(['payments/api-tls critical', 'payments/legacy-billing-tls expired', 'shop/checkout-tls critical']);
    expect(summary).toMatchObject({ raised: 3, messages: 3 });
    const mails = await db.outboxMessage.findMany({ where: { organizationId }, orderBy: { subject: 'asc' } });
    const api = mails.find((m) => m.subject.includes('payments/api-tls'))!;
    // The "why": cert-manager's renewal is overdue behind an Issuer without its CA.
    expect(api.text).toContain('cert-manager should have renewed it at');
    expect(api.text).toMatch(/Issuer payments-ca is not ready/);
    // Default recipients: the organization's admins (the policy names nobody yet).
    expect(api.to).toEqual([(await db.membership.findFirstOrThrow({ where: { organizationId, role: 'admin' }, include: { user: true } })).user.email]);
  });

  it('a renewal stuck behind a broken Issuer raises "renewal overdue" on the clock; renewing resolves it', async () => {
    // An Issuer of our own over a copy of the platform CA, and a 90-day Certificate it issues.
    const ca = sim.objects.get('v1', 'Secret', 'cert-manager', 'platform-root-ca')!;
    sim.objects.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'flaky-ca', namespace: 'shop' }, type: 'kubernetes.io/tls', data: ca.data });
    sim.objects.apply({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'flaky', namespace: 'shop' }, spec: { ca: { secretName: 'flaky-ca' } } });
    sim.objects.apply({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'stuck-tls', namespace: 'shop' },
      spec: { secretName: 'stuck-tls', dnsNames: ['stuck.shop.example.com'], duration: '2160h', issuerRef: { name: 'flaky' } },
    });
    await waitFor('stuck-tls issued and tracked', async () => !!(await rowOf('shop', 'stuck-tls'))?.fingerprintSha256, 60_000);
    const issued = (await rowOf('shop', 'stuck-tls'))!;
    await evaluate();
    expect((await openAlerts()).filter((a) => a.includes('stuck-tls'))).toEqual([]);

    // The Issuer loses its CA; 61 days later cert-manager's renewal (due at day 60) has failed for a day.
    sim.objects.delete('v1', 'Secret', 'shop', 'flaky-ca');
    sim.clock.advance(61 * DAY + 3600_000);
    await waitFor('the failed renewal is synced', async () => (await rowOf('shop', 'stuck-tls'))?.issuerReady === false, 60_000);
    await evaluate();
    expect((await openAlerts()).filter((a) => a.includes('stuck-tls'))).toEqual(['shop/stuck-tls renewal-overdue']);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { organizationId, subject: { contains: 'shop/stuck-tls' } } });
    expect(mail.subject).toBe('[Portico] Renewal overdue: shop/stuck-tls on course');
    expect(mail.text).toContain(`http://portico.test/certificates/${issued.id}`);
    expect(mail.text).toContain('Hosts: stuck.shop.example.com');

    // The CA comes back: cert-manager renews (a new certificate), and the alert is resolved as renewed.
    sim.objects.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'flaky-ca', namespace: 'shop' }, type: 'kubernetes.io/tls', data: ca.data });
    await waitFor(
      'the renewed certificate is synced',
      async () => {
        const row = await rowOf('shop', 'stuck-tls');
        return !!row && row.fingerprintSha256 !== issued.fingerprintSha256 && row.notAfter!.getTime() > sim.clock.nowMs() + 80 * DAY;
      },
      60_000,
    );
    await evaluate();
    const alert = await db.certificateAlert.findFirstOrThrow({ where: { organizationId, secretName: 'stuck-tls', level: 'renewal-overdue' } });
    expect(alert.resolution).toBe('renewed');
    expect((await openAlerts()).filter((a) => a.includes('stuck-tls'))).toEqual([]);
  }, 120_000);
});
