import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jobs } from '@portico/contracts';
import { type Db, createCluster, createDb, createOrganization, createUser } from '@portico/db';
import { type SqlPool, createSqlPool } from '@portico/db/sql';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.js';
import { evaluateCertificates } from '../src/jobs/evaluate-certificates.job.js';
import { createLogger } from '../src/logger.js';
import { type RunningWorker, startWorker } from '../src/worker.js';
import { SmtpCatcher } from './support/smtp-catcher.js';
import { waitFor } from './support/sync-fixtures.js';

// Certificate alerts end to end (issue 11, "Done when"): tracked certificates at various ages
// raise exactly the expected alerts; the mail reaches a real SMTP server with the right
// recipients and content; once, whatever runs twice; an SMTP outage delays, never loses.

const KEY = Buffer.alloc(32, 7).toString('base64');
const DAY = 86_400_000;
const PUBLIC_URL = 'https://portico.example.test';

let db: Db;
let sql: SqlPool;
let smtp: SmtpCatcher;
let smtpUrl: string;
let worker: RunningWorker | undefined;
const dbUrl = () => inject('databaseUrl');
const envFor = (extra: Record<string, string> = {}) =>
  parseWorkerEnv({
    DATABASE_URL: dbUrl(),
    PORTICO_SECRET_KEY: KEY,
    WORKER_HEALTH_PORT: '0',
    LOG_LEVEL: 'silent',
    SMTP_URL: smtpUrl,
    PORTICO_PUBLIC_URL: PUBLIC_URL,
    MAIL_CLAIM_STALE_SECONDS: '3',
    WORKER_SUPERVISE_INTERVAL_SECONDS: '1',
    ...extra,
  });

beforeAll(async () => {
  db = createDb(dbUrl(), { max: 3 });
  sql = createSqlPool(dbUrl(), { max: 4 });
  smtp = new SmtpCatcher();
  smtpUrl = await smtp.start();
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
  await sql?.end();
  await db?.$disconnect();
});

interface Seeded {
  organizationId: string;
  clusterId: string;
  adminEmail: string;
}

/** An organization with one admin and one (disabled: nothing syncs it) cluster. */
async function seedOrganization(name: string): Promise<Seeded> {
  const adminEmail = `admin-${randomUUID().slice(0, 8)}@alerts.test`;
  const user = await createUser(db, { email: adminEmail, name: 'Admin', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name, ownerId: user.id }));
  const cluster = await createCluster(db, org.id, { name: `${name}-cluster`, server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false });
  return { organizationId: org.id, clusterId: cluster.id, adminEmail };
}

interface CertSeed {
  name: string;
  lifetimeDays: number;
  daysLeft: number;
  renewalTime?: Date | null;
  certManagerName?: string;
  readyMessage?: string;
  owner?: string;
  dnsNames?: string[];
}

/** A tracked certificate as the rebuild would store it, `daysLeft` days before expiry at `now`. */
async function seedCertificate(s: Seeded, now: Date, c: CertSeed): Promise<string> {
  const notAfter = new Date(now.getTime() + c.daysLeft * DAY);
  const notBefore = new Date(notAfter.getTime() - c.lifetimeDays * DAY);
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "TrackedCertificate" ("id", "organizationId", "clusterId", "namespace", "secretName", "source", "secretExists", "certManagerName", "commonName", "dnsNames",
       "notBefore", "notAfter", "lifetimeSeconds", "fingerprintSha256", "renewalTime", "ready", "readyMessage", "hosts", "owner")
     VALUES ($1, $2, $3, 'shop', $4, $5, true, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $8, $16)`,
    [
      id,
      s.organizationId,
      s.clusterId,
      c.name,
      c.certManagerName ? 'cert-manager' : 'secret',
      c.certManagerName ?? null,
      (c.dnsNames ?? [`${c.name}.example.com`])[0],
      c.dnsNames ?? [`${c.name}.example.com`],
      notBefore,
      notAfter,
      c.lifetimeDays * 86_400,
      randomUUID().replace(/-/g, ''),
      c.renewalTime ?? null,
      c.readyMessage ? false : null,
      c.readyMessage ?? null,
      c.owner ?? null,
    ],
  );
  return id;
}

async function alertsOf(organizationId: string) {
  const { rows } = await sql.query<{ id: string; secretName: string; level: string; resolvedAt: Date | null; resolution: string | null }>(
    `SELECT "id", "secretName", "level", "resolvedAt", "resolution" FROM "CertificateAlert" WHERE "organizationId" = $1 ORDER BY "secretName", "raisedAt"`,
    [organizationId],
  );
  return rows;
}

async function outboxOf(organizationId: string) {
  const { rows } = await sql.query<{ id: string; kind: string; state: string; to: string[]; subject: string; attempts: number; lastError: string | null; serverResponse: string | null }>(
    `SELECT "id", "kind", "state", "to", "subject", "attempts", "lastError", "serverResponse" FROM "OutboxMessage" WHERE "organizationId" = $1 ORDER BY "createdAt", "subject"`,
    [organizationId],
  );
  return rows;
}

/** Evaluates through the running worker's pool and pg-boss, at `now`. */
const evaluate = (now: Date, organizationId?: string) => evaluateCertificates({ sql: worker!.sql, boss: worker!.boss, env: envFor() }, now, organizationId);

const mailsFor = (organizationIdOutbox: { id: string }[]) => {
  const ids = new Set(organizationIdOutbox.map((m) => `<outbox-${m.id}@portico.example.test>`));
  return smtp.mails.filter((m) => ids.has(m.messageId));
};

/** The usual fleet: fresh, short-lived warning, critical, expired, and a stuck renewal. */
async function seedFleet(s: Seeded, now: Date) {
  await seedCertificate(s, now, { name: 'fresh', lifetimeDays: 90, daysLeft: 60 });
  await seedCertificate(s, now, { name: 'short', lifetimeDays: 30, daysLeft: 10 });
  await seedCertificate(s, now, { name: 'soon', lifetimeDays: 90, daysLeft: 5 });
  await seedCertificate(s, now, { name: 'gone', lifetimeDays: 90, daysLeft: -2 });
  return seedCertificate(s, now, {
    name: 'stuck',
    lifetimeDays: 90,
    daysLeft: 25,
    certManagerName: 'stuck',
    renewalTime: new Date(now.getTime() - 5 * DAY),
    readyMessage: 'Issuing certificate as Secret was previously issued by "Issuer.cert-manager.io/broken"',
    owner: 'team-payments',
  });
}

describe('certificate alerts', () => {
  it('raise exactly the expected levels, mail them once with the right content, remind daily, and resolve on renewal', async () => {
    worker = await startWorker(envFor(), createLogger('silent'));
    const s = await seedOrganization('alerts-levels');
    const now = new Date();
    const stuckId = await seedFleet(s, now);
    await db.notificationPolicy.create({
      data: {
        organizationId: s.organizationId,
        recipients: ['oncall@alerts.test'],
        clusterRecipients: [{ clusterId: s.clusterId, emails: ['cluster-team@alerts.test'] }],
        ownerRecipients: [{ owner: 'team-payments', emails: ['payments@alerts.test'] }],
      },
    });

    const first = await evaluate(now, s.organizationId);
    expect(first).toMatchObject({ raised: 4, resolved: 0, messages: 4 });
    expect((await alertsOf(s.organizationId)).map((a) => [a.secretName, a.level])).toEqual([
      ['gone', 'expired'],
      ['short', 'warning'],
      ['soon', 'critical'],
      ['stuck', 'renewal-overdue'],
    ]);

    const outbox = await outboxOf(s.organizationId);
    await waitFor('four mails sent', async () => (await outboxOf(s.organizationId)).every((m) => m.state === 'sent'), 30_000);
    const mails = mailsFor(outbox);
    expect(mails).toHaveLength(4);
    const stuck = mails.find((m) => m.subject.includes('shop/stuck'))!;
    expect(stuck.subject).toBe('[Portico] Renewal overdue: shop/stuck on alerts-levels-cluster');
    expect(stuck.to.sort()).toEqual(['cluster-team@alerts.test', 'oncall@alerts.test', 'payments@alerts.test']);
    expect(stuck.text).toContain('Namespace: shop');
    expect(stuck.text).toContain('Secret: stuck');
    expect(stuck.text).toContain('Hosts: stuck.example.com');
    expect(stuck.text).toContain('cert-manager should have renewed it at');
    expect(stuck.text).toContain('Issuer.cert-manager.io/broken');
    expect(stuck.text).toContain(`${PUBLIC_URL}/certificates/${stuckId}`);
    expect(stuck.html).toContain('&quot;Issuer.cert-manager.io/broken&quot;');
    const soon = mails.find((m) => m.subject.includes('shop/soon'))!;
    expect(soon.to.sort()).toEqual(['cluster-team@alerts.test', 'oncall@alerts.test']);
    expect(soon.text).toMatch(/expires in 4 days|expires in 5 days/);
    expect((await outboxOf(s.organizationId)).every((m) => m.serverResponse?.includes('queued as caught-'))).toBe(true);

    // The same moment again: nothing new. A day later: one reminder each, and only one.
    expect(await evaluate(now, s.organizationId)).toMatchObject({ raised: 0, messages: 0 });
    const later = new Date(now.getTime() + DAY + 60_000);
    expect(await evaluate(later, s.organizationId)).toMatchObject({ raised: 0, resolved: 0, messages: 4 });
    expect(await evaluate(new Date(later.getTime() + 3600_000), s.organizationId)).toMatchObject({ messages: 0 });
    expect((await outboxOf(s.organizationId)).filter((m) => m.kind === 'reminder')).toHaveLength(4);

    // cert-manager renews the stuck one: a new certificate (fingerprint), valid for 90 days.
    await sql.query(`UPDATE "TrackedCertificate" SET "fingerprintSha256" = 'renewed', "notBefore" = $2, "notAfter" = $3, "renewalTime" = $4, "ready" = true, "readyMessage" = NULL WHERE "id" = $1`, [
      stuckId,
      later,
      new Date(later.getTime() + 90 * DAY),
      new Date(later.getTime() + 60 * DAY),
    ]);
    expect(await evaluate(new Date(later.getTime() + 7200_000), s.organizationId)).toMatchObject({ raised: 0, resolved: 1, messages: 1 });
    const stuckAlert = (await alertsOf(s.organizationId)).find((a) => a.secretName === 'stuck')!;
    expect(stuckAlert).toMatchObject({ level: 'renewal-overdue', resolution: 'renewed' });
    expect(stuckAlert.resolvedAt).not.toBeNull();
    const resolvedMail = (await outboxOf(s.organizationId)).find((m) => m.kind === 'resolved')!;
    expect(resolvedMail.subject).toBe('[Portico] Resolved: shop/stuck on alerts-levels-cluster');
  }, 90_000);

  it('escalates: a warning that becomes critical resolves as level-changed and raises critical; expiry then raises expired', async () => {
    const s = await seedOrganization('alerts-escalate');
    const now = new Date();
    await seedCertificate(s, now, { name: 'month', lifetimeDays: 30, daysLeft: 10 });
    await evaluate(now, s.organizationId);
    await evaluate(new Date(now.getTime() + 4 * DAY), s.organizationId);
    await evaluate(new Date(now.getTime() + 11 * DAY), s.organizationId);
    expect((await alertsOf(s.organizationId)).map((a) => [a.level, a.resolution])).toEqual([
      ['warning', 'level-changed'],
      ['critical', 'level-changed'],
      ['expired', null],
    ]);
  });

  it('skips a snoozed certificate until the snooze ends', async () => {
    const s = await seedOrganization('alerts-snooze');
    const now = new Date();
    await seedCertificate(s, now, { name: 'soon', lifetimeDays: 90, daysLeft: 5 });
    await seedCertificate(s, now, { name: 'quiet', lifetimeDays: 90, daysLeft: 5 });
    await db.certificateSnooze.create({
      data: { organizationId: s.organizationId, clusterId: s.clusterId, namespace: 'shop', secretName: 'quiet', until: new Date(now.getTime() + 2 * DAY), reason: 'replaced Friday' },
    });
    expect(await evaluate(now, s.organizationId)).toMatchObject({ raised: 1 });
    expect((await alertsOf(s.organizationId)).map((a) => a.secretName)).toEqual(['soon']);
    expect(await evaluate(new Date(now.getTime() + 2 * DAY + 1000), s.organizationId)).toMatchObject({ raised: 1 });
    expect((await alertsOf(s.organizationId)).map((a) => a.secretName)).toEqual(['quiet', 'soon']);
  });

  it('sends a daily digest at the digest hour instead of one e-mail per alert', async () => {
    const s = await seedOrganization('alerts-digest');
    const day = new Date(Date.UTC(2027, 0, 10, 6, 0, 0));
    await seedCertificate(s, day, { name: 'a', lifetimeDays: 90, daysLeft: 5 });
    await seedCertificate(s, day, { name: 'b', lifetimeDays: 90, daysLeft: -1 });
    await db.notificationPolicy.create({ data: { organizationId: s.organizationId, mode: 'digest', digestHourUtc: 8 } });
    expect(await evaluate(day, s.organizationId)).toMatchObject({ raised: 2, messages: 0 });
    const at8 = new Date(Date.UTC(2027, 0, 10, 8, 5, 0));
    expect(await evaluate(at8, s.organizationId)).toMatchObject({ messages: 1, notified: 2 });
    expect(await evaluate(new Date(at8.getTime() + 3600_000), s.organizationId)).toMatchObject({ messages: 0 });
    const [digest] = await outboxOf(s.organizationId);
    expect(digest).toMatchObject({ kind: 'digest', to: [s.adminEmail], subject: '[Portico] Certificate digest: 2 certificates need attention' });
  });

  it('raises and mails each alert once when two evaluations run at the same time (20 alerts: one e-mail listing them)', async () => {
    const s = await seedOrganization('alerts-race');
    const now = new Date();
    for (let i = 0; i < 20; i++) await seedCertificate(s, now, { name: `c${i}`, lifetimeDays: 90, daysLeft: i % 2 ? 3 : -1 });
    const other = createSqlPool(dbUrl(), { max: 2 });
    try {
      const results = await Promise.all([evaluate(now, s.organizationId), evaluateCertificates({ sql: other, boss: worker!.boss, env: envFor() }, now, s.organizationId)]);
      expect(results.reduce((n, r) => n + r.raised, 0)).toBe(20);
    } finally {
      await other.end();
    }
    const alerts = await alertsOf(s.organizationId);
    expect(alerts).toHaveLength(20);
    // A burst for one recipient list is one e-mail listing every alert, each exactly once.
    const outbox = await outboxOf(s.organizationId);
    expect(outbox).toHaveLength(1);
    const { rows } = await sql.query<{ alertIds: string[] }>(`SELECT "alertIds" FROM "OutboxMessage" WHERE "id" = $1`, [outbox[0].id]);
    expect(rows[0].alertIds.sort()).toEqual(alerts.map((a) => a.id).sort());
    await waitFor('sent', async () => (await outboxOf(s.organizationId)).every((m) => m.state === 'sent'), 30_000);
    expect(mailsFor(outbox)).toHaveLength(1);
  });

  it('SMTP down: the mail is retried with backoff and delivered once when the server is back', async () => {
    const s = await seedOrganization('alerts-outage');
    const now = new Date();
    await seedCertificate(s, now, { name: 'soon', lifetimeDays: 90, daysLeft: 5 });
    await smtp.stop();
    await evaluate(now, s.organizationId);
    await waitFor('a failed attempt recorded', async () => {
      const [m] = await outboxOf(s.organizationId);
      return m.state === 'pending' && m.attempts >= 1 && !!m.lastError;
    });
    await smtp.start();
    await waitFor('delivered after the outage', async () => (await outboxOf(s.organizationId))[0].state === 'sent', 60_000);
    const outbox = await outboxOf(s.organizationId);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].attempts).toBeGreaterThanOrEqual(2);
    expect(mailsFor(outbox)).toHaveLength(1);

    // A duplicate job for the sent message (a retry, a replay) finds nothing to claim.
    const jobId = await worker!.boss.send(jobs.sendMail.name, { outboxId: outbox[0].id });
    await waitFor('the duplicate job ran', async () => (await sql.query(`SELECT 1 FROM pgboss.job WHERE id = $1 AND state = 'completed'`, [jobId])).rowCount === 1);
    expect(mailsFor(outbox)).toHaveLength(1);
    expect((await outboxOf(s.organizationId))[0].attempts).toBe(outbox[0].attempts);
  }, 90_000);

  it('a worker killed mid-send: another worker sends the mail, exactly once', async () => {
    await worker?.stop();
    worker = undefined;
    const s = await seedOrganization('alerts-restart');
    const now = new Date();
    await seedCertificate(s, now, { name: 'soon', lifetimeDays: 90, daysLeft: 5 });
    smtp.hold = true;
    const attemptsBefore = smtp.attempts;
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const env = { ...process.env, DATABASE_URL: dbUrl(), PORTICO_SECRET_KEY: KEY, WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'warn', SMTP_URL: smtpUrl, PORTICO_PUBLIC_URL: PUBLIC_URL };
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env, stdio: 'ignore' });
    // This process only enqueues (in the evaluation's transaction); the child is the only worker.
    const boss = new PgBoss({ connectionString: dbUrl(), schema: 'pgboss', supervise: false, schedule: false, max: 2 });
    await boss.start();
    try {
      await boss.createQueue(jobs.sendMail.name, jobs.sendMail.queue);
      await evaluateCertificates({ sql, env: envFor(), boss }, now, s.organizationId);
      // The child claims the mail and sends it; the server holds its answer; the child dies waiting.
      await waitFor('the child is sending', async () => smtp.attempts > attemptsBefore && (await outboxOf(s.organizationId))[0]?.state === 'sending', 30_000);
    } finally {
      child.kill('SIGKILL');
      await boss.stop({ graceful: false });
    }
    smtp.hold = false;
    worker = await startWorker(envFor(), createLogger('silent'));
    await waitFor('sent by the second worker', async () => (await outboxOf(s.organizationId))[0].state === 'sent', 90_000);
    const outbox = await outboxOf(s.organizationId);
    expect(outbox[0].attempts).toBe(2);
    expect(mailsFor(outbox)).toHaveLength(1);
  }, 180_000);
});
