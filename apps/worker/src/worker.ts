import { createServer, type Server } from 'node:http';
import { type SqlPool, createCredentialCipher, createSqlPool } from '@portico/db/sql';
import { clusterClientOptions } from '@portico/kube';
import { PgBoss } from 'pg-boss';
import type { WorkerEnv } from './env.js';
import { allJobs } from './jobs/index.js';
import { enqueueCertificateEvaluation } from './jobs/evaluate-certificates.job.js';
import type { Logger } from './logger.js';
import { createWorkerMetrics } from './metrics.js';
import { SyncSupervisor } from './sync/sync-supervisor.js';

export interface RunningWorker {
  boss: PgBoss;
  sql: SqlPool;
  supervisor: SyncSupervisor;
  healthPort: number;
  stop(): Promise<void>;
}

/**
 * Boots pg-boss on Portico's database, registers every job (queue, cron, handler), and serves
 * /healthz. `stop()` drains: in-flight jobs finish (or are released when the timeout passes,
 * so another worker picks them up) before the connections close.
 */
export async function startWorker(env: WorkerEnv, logger: Logger): Promise<RunningWorker> {
  const statementTimeoutMs = env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000;
  const sql = createSqlPool(env.DATABASE_URL, { max: 5 + env.CHANGE_CONCURRENCY, applicationName: 'portico-worker', statementTimeoutMs });
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema: 'pgboss',
    application_name: 'portico-worker',
    // Jobs of a killed worker miss heartbeats; this is how soon another worker gets them.
    superviseIntervalSeconds: env.WORKER_SUPERVISE_INTERVAL_SECONDS,
    // A submitted change wakes a worker at once (NOTIFY), instead of at its next poll.
    useListenNotify: true,
  });
  boss.on('error', (err: Error) => logger.error({ err: { name: err.name, message: err.message } }, 'pg-boss error'));
  await boss.start();

  const cipher = createCredentialCipher(env.PORTICO_SECRET_KEY, env.PORTICO_SECRET_KEY_PREVIOUS.split(','));
  // Synchronous commits, like every other write: an acknowledged sync write lost in a Postgres
  // crash would not be redone by anything (docs/database.md, "Durability of the synced copy").
  const syncSql = createSqlPool(env.DATABASE_URL, { max: 8, applicationName: 'portico-sync', statementTimeoutMs });
  const { addressPolicy, limits } = clusterClientOptions(env);
  const clusterOptions = { addressPolicy, kubeLimits: limits };
  const supervisor = new SyncSupervisor({
    sql: syncSql,
    cipher,
    logger,
    leaseTtlMs: env.SYNC_LEASE_TTL_SECONDS * 1000,
    scanIntervalMs: env.SYNC_SCAN_INTERVAL_SECONDS * 1000,
    discoveryIntervalMs: env.SYNC_DISCOVERY_INTERVAL_SECONDS * 1000,
    maxObjectsPerCluster: env.SYNC_MAX_OBJECTS_PER_CLUSTER,
    ...clusterOptions,
    onCertificatesChanged: (organizationId) => enqueueCertificateEvaluation(boss, organizationId, logger),
  });
  supervisor.start();

  let healthy = true;
  for (const job of allJobs) {
    await boss.createQueue(job.definition.name, job.queue);
    const polling = job.pollSeconds ? { pollingIntervalSeconds: job.pollSeconds, notifyPollingIntervalSeconds: job.pollSeconds } : {};
    await boss.work(job.definition.name, { batchSize: 1, localConcurrency: job.concurrency?.(env) ?? 1, ...polling }, async ([raw]) => {
      if (!raw) return;
      const payload = job.definition.schema.parse(raw.data ?? {});
      await job.handle(payload, { sql, env, logger: logger.child({ jobId: raw.id }), cipher, clusterOptions: { addressPolicy, limits }, boss });
    });
    if (job.cron) await boss.schedule(job.definition.name, job.cron, {});
  }

  const queueNames = allJobs.map((j) => j.definition.name);
  const metrics = createWorkerMetrics(sql, logger, queueNames);
  const server: Server = createServer((req, res) => {
    if (req.url === '/metrics') return void metrics.serve(res);
    if (req.url !== '/healthz') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: healthy ? 'ok' : 'stopping', queues: allJobs.map((j) => j.definition.name), syncing: supervisor.clusterIds().length }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.WORKER_HEALTH_PORT, env.WORKER_HEALTH_HOST, resolve);
  });
  const address = server.address();
  const healthPort = typeof address === 'object' && address ? address.port : env.WORKER_HEALTH_PORT;
  logger.info({ healthPort, queues: allJobs.length }, 'worker started');

  return {
    boss,
    sql,
    supervisor,
    healthPort,
    async stop() {
      healthy = false;
      logger.info('worker stopping: draining in-flight jobs');
      await supervisor.stop(); // releases leases so another worker takes over at once
      await boss.stop({ graceful: true, timeout: env.WORKER_SHUTDOWN_TIMEOUT_SECONDS * 1000 });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([sql.end(), syncSql.end()]);
      logger.info('worker stopped');
    },
  };
}
