import { createRequire } from 'node:module';
import { jobs } from '@portico/contracts';
import { type Db, createCluster, createDb, createOrganization, createUser } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { type RunningWorker, startWorker } from '../src/worker.js';

/**
 * The health port's `/metrics`: Prometheus text (read by an independent parser) with the
 * process's own metrics and the installation's queues, sync lag and mail, labelled by ids only.
 */
type Family = { name: string; type: string; metrics: { value?: string; labels?: Record<string, string> }[] };
const parse = createRequire(import.meta.url)('parse-prometheus-text-format') as (text: string) => Family[];

let worker: RunningWorker;
let db: Db;
beforeAll(async () => {
  worker = await startWorker(
    parseWorkerEnv({ DATABASE_URL: inject('databaseUrl'), WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'silent', PORTICO_SECRET_KEY: Buffer.alloc(32, 3).toString('base64') }),
    createLogger('silent'),
  );
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await worker?.stop();
  await db?.$disconnect();
});

async function scrape() {
  const res = await fetch(`http://127.0.0.1:${worker.healthPort}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  const families = new Map(parse(text).map((f) => [f.name, f]));
  const value = (name: string, labels: Record<string, string> = {}) => {
    const series = families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
    return series ? Number(series.value) : undefined;
  };
  return { text, families, value };
}

describe('worker /metrics', () => {
  it("serves the process's own metrics", async () => {
    const { families } = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) expect(families.has(name), name).toBe(true);
  });

  it('counts queued jobs per queue, sent and failed mail, and sync lag per cluster id, without tenant names', async () => {
    const before = await scrape();
    const user = await createUser(db, { email: `metrics-${Date.now()}@worker.test`, name: 'M', passwordHash: 'x' });
    const org = await db.$transaction((tx) => createOrganization(tx, { name: 'tenant-name-metrics', ownerId: user.id }));
    const lastSyncedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 120_000);
    // Disabled: nothing syncs it, so its lastSyncedAt stays put; enabled clusters only are reported, so enable it after.
    const cluster = await createCluster(db, org.id, {
      name: 'cluster-name-metrics',
      server: 'https://127.0.0.1:1',
      authKind: 'token',
      credentials: 'sealed',
      credentialsKeyId: 'k',
      enabled: false,
      lastSyncedAt,
    });
    // Deferred an hour: queued, not picked up, for the length of the test.
    await worker.boss.send(jobs.pruneExpired.name, {}, { startAfter: 3600 });
    await worker.boss.send(jobs.pruneExpired.name, {}, { startAfter: 3600 });
    const mail = (state: string) => ({ organizationId: org.id, kind: 'test', to: ['x@example.com'], subject: 's', text: 't', html: 'h', state });
    await db.outboxMessage.createMany({ data: [mail('sent'), mail('sent'), mail('failed')] });

    const queued = { queue: jobs.pruneExpired.name, state: 'queued' };
    const after = await scrape();
    expect(after.value('portico_job_queue_depth', queued)).toBe((before.value('portico_job_queue_depth', queued) ?? 0) + 2);
    expect(after.value('portico_mail_sent_total')).toBe((before.value('portico_mail_sent_total') ?? 0) + 2);
    expect(after.value('portico_mail_failed_total')).toBe((before.value('portico_mail_failed_total') ?? 0) + 1);
    expect(after.families.get('portico_mail_sent_total')?.type).toBe('COUNTER');
    // Every queue this worker serves has a series, even empty.
    expect(after.value('portico_job_queue_depth', { queue: jobs.sendMail.name, state: 'active' })).toBeGreaterThanOrEqual(0);
    expect(after.value('portico_cluster_sync_lag_seconds', { cluster_id: cluster.id })).toBeUndefined();

    await db.cluster.update({ where: { id: cluster.id }, data: { enabled: true } });
    const scraped = Date.now();
    const { text, value } = await scrape();
    const lag = value('portico_cluster_sync_lag_seconds', { cluster_id: cluster.id });
    expect(lag).toBeGreaterThanOrEqual((scraped - lastSyncedAt.getTime()) / 1000 - 1);
    expect(lag).toBeLessThan((Date.now() - lastSyncedAt.getTime()) / 1000 + 1);
    expect(text).not.toContain('tenant-name-metrics');
    expect(text).not.toContain('cluster-name-metrics');
  });
});
