import { DEFAULT_NOTIFICATION_POLICY } from '@portico/contracts';
import { createCluster } from '@portico/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

// Certificate alerting's API (issue 11): the policy with its cross-field rules, the test e-mail
// through the outbox, the outbox itself, snoozes (audited) and alert history.

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedOrganization>>;
let clusterId: string;
let certificateId: string;
beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedOrganization(t.db, 'notify');
  clusterId = (await createCluster(t.db, seeded.organization.id, { name: 'notify', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false }))
    .id;
  certificateId = (
    await t.db.trackedCertificate.create({ data: { organizationId: seeded.organization.id, clusterId, namespace: 'shop', secretName: 'shop-tls', source: 'secret', fingerprintSha256: 'ab' } })
  ).id;
});
afterAll(() => t.close());

const policy = (over: Record<string, unknown> = {}) => ({ ...DEFAULT_NOTIFICATION_POLICY, ...over });

describe('notification policy', () => {
  it('reads the defaults until an admin saves one; viewers read, only admins write', async () => {
    const viewer = await signIn(t, seeded.users.viewer.email);
    const res = await viewer.agent.get('/api/v1/organization/notifications');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ policy: DEFAULT_NOTIFICATION_POLICY, updatedAt: null });

    const admin = await signIn(t, seeded.users.admin.email);
    const saved = policy({ warningDays: 21, criticalDays: 5, recipients: ['Ops@Example.com'], clusterRecipients: [{ clusterId, emails: ['c@example.com'] }], mode: 'digest', digestHourUtc: 6 });
    const put = await admin.agent.put('/api/v1/organization/notifications').set('X-CSRF-Token', admin.csrf).send(saved);
    expect(put.status).toBe(200);
    expect(put.body.policy).toMatchObject({ warningDays: 21, criticalDays: 5, recipients: ['ops@example.com'], mode: 'digest', digestHourUtc: 6 });
    expect((await viewer.agent.get('/api/v1/organization/notifications')).body.policy.clusterRecipients).toEqual([{ clusterId, emails: ['c@example.com'] }]);
    expect(await t.db.auditEvent.count({ where: { organizationId: seeded.organization.id, action: 'notifications.policy.updated' } })).toBe(1);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a bad e-mail', { recipients: ['ops@example.com', 'not-an-email'] }, 'recipients.1'],
    ['negative days', { warningDays: -1 }, 'warningDays'],
    ['critical not under warning', { warningDays: 7, criticalDays: 7 }, 'criticalDays'],
    ['a fraction of 1', { criticalLifetimeFraction: 1 }, 'criticalLifetimeFraction'],
    ['a fraction of 0', { criticalLifetimeFraction: 0 }, 'criticalLifetimeFraction'],
    ['too many recipients', { recipients: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) }, 'recipients'],
    ['an hour past 23', { digestHourUtc: 24 }, 'digestHourUtc'],
    ['an unknown mode', { mode: 'hourly' }, 'mode'],
    ['a bad owner e-mail', { ownerRecipients: [{ owner: 'team-a', emails: ['x@'] }] }, 'ownerRecipients.0.emails.0'],
    [
      'an owner listed twice',
      {
        ownerRecipients: [
          { owner: 'team-a', emails: [] },
          { owner: 'team-a', emails: [] },
        ],
      },
      'ownerRecipients.1.owner',
    ],
    ["another organization's cluster", { clusterRecipients: [{ clusterId: '00000000-0000-4000-8000-000000000000', emails: ['x@example.com'] }] }, 'clusterRecipients.0.clusterId'],
  ];
  for (const [what, over, field] of invalid) {
    it(`refuses ${what}, naming ${field}`, async () => {
      const admin = await signIn(t, seeded.users.admin.email);
      const res = await admin.agent.put('/api/v1/organization/notifications').set('X-CSRF-Token', admin.csrf).send(policy(over));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(field);
    });
  }
});

describe('test e-mail and outbox', () => {
  it('queues a test e-mail in the outbox with its job; admins read it, rendered HTML included', async () => {
    const admin = await signIn(t, seeded.users.admin.email);
    const res = await admin.agent
      .post('/api/v1/organization/notifications/test')
      .set('X-CSRF-Token', admin.csrf)
      .send({ to: ['someone@example.com'] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'test', to: ['someone@example.com'], state: 'pending', attempts: 0 });
    const jobs = await t.db.$queryRawUnsafe<unknown[]>(`SELECT data FROM pgboss.job WHERE name = 'mail.send' AND data->>'outboxId' = $1`, res.body.id);
    expect(jobs).toHaveLength(1);

    const list = await admin.agent.get('/api/v1/outbox');
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(res.body.id);
    const one = await admin.agent.get(`/api/v1/outbox/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.html).toContain('This is a test e-mail from Portico');
    expect(one.body.messageId).toBe(`<outbox-${res.body.id}@localhost>`);
    expect((await admin.agent.get('/api/v1/outbox?state=sent')).body.items).toEqual([]);
  });

  it("sends to the policy's recipients (or the admins) when no address is given", async () => {
    const admin = await signIn(t, seeded.users.admin.email);
    const res = await admin.agent.post('/api/v1/organization/notifications/test').set('X-CSRF-Token', admin.csrf).send({});
    expect(res.status).toBe(202);
    expect(res.body.to).toEqual(['ops@example.com']);
  });
});

describe('test e-mail allowance', () => {
  it('takes 10 an hour per organization, even asked at once; the rest get 429 with Retry-After and write nothing', async () => {
    const limited = await seedOrganization(t.db, 'notify-limit');
    const admin = await signIn(t, limited.users.admin.email);
    const send = () =>
      admin.agent
        .post('/api/v1/organization/notifications/test')
        .set('X-CSRF-Token', admin.csrf)
        .send({ to: ['anyone@example.net'] });
    const answers = await Promise.all(Array.from({ length: 13 }, send));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array<number>(10).fill(202), 429, 429, 429]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'rate_limited', detail: expect.stringContaining('At most 10 test e-mails an hour') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    const organizationId = limited.organization.id;
    expect(await t.db.outboxMessage.count({ where: { organizationId } })).toBe(10);
    expect(await t.db.auditEvent.count({ where: { organizationId, action: 'notifications.test-email.queued' } })).toBe(10);
    const [{ n }] = await t.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job j JOIN "OutboxMessage" m ON m.id::text = j.data->>'outboxId' WHERE j.name = 'mail.send' AND m."organizationId" = $1::uuid`,
      organizationId,
    );
    expect(n).toBe(10);

    // Another organization's allowance is its own.
    const other = await signIn(t, seeded.users.admin.email);
    expect(
      (
        await other.agent
          .post('/api/v1/organization/notifications/test')
          .set('X-CSRF-Token', other.csrf)
          .send({ to: ['x@example.com'] })
      ).status,
    ).toBe(202);
    // An hour after the oldest, one more fits.
    const oldest = await t.db.outboxMessage.findFirstOrThrow({ where: { organizationId }, orderBy: { createdAt: 'asc' } });
    await t.db.outboxMessage.update({ where: { id: oldest.id }, data: { createdAt: new Date(Date.now() - 3_601_000) } });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(429);
  });
});

describe('snooze and alert history', () => {
  it('snoozes with a reason until a future date (audited), shows it with the history, and ends it', async () => {
    const editor = await signIn(t, seeded.users.editor.email);
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const past = await editor.agent
      .post(`/api/v1/certificates/${certificateId}/snooze`)
      .set('X-CSRF-Token', editor.csrf)
      .send({ until: new Date(Date.now() - 1000).toISOString(), reason: 'x' });
    expect(past.status).toBe(400);
    expect(past.body.invalid_params).toEqual([expect.objectContaining({ name: 'until' })]);
    const noReason = await editor.agent.post(`/api/v1/certificates/${certificateId}/snooze`).set('X-CSRF-Token', editor.csrf).send({ until, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.invalid_params).toEqual([expect.objectContaining({ name: 'reason' })]);

    const res = await editor.agent.post(`/api/v1/certificates/${certificateId}/snooze`).set('X-CSRF-Token', editor.csrf).send({ until, reason: 'replaced on Friday' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ until, reason: 'replaced on Friday', byEmail: seeded.users.editor.email });

    await t.db.certificateAlert.create({
      data: { organizationId: seeded.organization.id, clusterId, namespace: 'shop', secretName: 'shop-tls', fingerprintSha256: 'ab', level: 'critical', raisedAt: new Date() },
    });
    const viewer = await signIn(t, seeded.users.viewer.email);
    const history = await viewer.agent.get(`/api/v1/certificates/${certificateId}/alerts`);
    expect(history.status).toBe(200);
    expect(history.body.snooze).toMatchObject({ reason: 'replaced on Friday', byEmail: seeded.users.editor.email });
    expect(history.body.alerts).toEqual([expect.objectContaining({ level: 'critical', resolvedAt: null })]);

    expect((await editor.agent.delete(`/api/v1/certificates/${certificateId}/snooze`).set('X-CSRF-Token', editor.csrf)).status).toBe(204);
    expect((await viewer.agent.get(`/api/v1/certificates/${certificateId}/alerts`)).body.snooze).toBeNull();
    const actions = await t.db.auditEvent.findMany({ where: { organizationId: seeded.organization.id, targetId: certificateId }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(['certificate.snoozed', 'certificate.unsnoozed']);
  });
});

describe("the organization's thresholds", () => {
  it('judge the certificate list: with critical at 5 % of the lifetime and warning at 60 days, a 50-day yearly certificate is a warning', async () => {
    const org = await seedOrganization(t.db, 'thresholds');
    const cluster = await createCluster(t.db, org.organization.id, { name: 'th', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false });
    const notAfter = new Date(Date.now() + 50 * 86_400_000);
    await t.db.trackedCertificate.create({
      data: {
        organizationId: org.organization.id,
        clusterId: cluster.id,
        namespace: 'web',
        secretName: 'yearly',
        source: 'secret',
        notBefore: new Date(notAfter.getTime() - 365 * 86_400_000),
        notAfter,
        lifetimeSeconds: 365 * 86_400,
      },
    });
    const admin = await signIn(t, org.users.admin.email);
    const levels = async () => ((await admin.agent.get('/api/v1/certificates')).body.items as { secretName: string; level: string | null }[]).map((c) => c.level);
    // Defaults: 50 days is under 1/6 of a year, so critical.
    expect(await levels()).toEqual(['critical']);
    const put = await admin.agent
      .put('/api/v1/organization/notifications')
      .set('X-CSRF-Token', admin.csrf)
      .send(policy({ warningDays: 60, criticalDays: 7, criticalLifetimeFraction: 0.05 }));
    expect(put.status).toBe(200);
    expect(await levels()).toEqual(['warning']);
  });
});
