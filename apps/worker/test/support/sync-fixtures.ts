/**
 * What the worker's integration tests share: a database of their own, the course simulator, a
 * supervisor with test timings, waiting on a condition, comparing a simulator's objects with
 * Postgres' copy, and registering a simulator as a cluster of a new organization.
 */
import {
  type CredentialCipher,
  type Db,
  type SqlPool,
  applyMigrations,
  createCluster,
  createDb,
  createFreshDatabase,
  createOrganization,
  createSqlPool,
  createUser,
  dropDatabase,
  sealClusterCredentials,
} from '@portico/db';
import { jobs } from '@portico/contracts';
import { RESOURCE_LIST, apiVersionOf } from '@portico/kube';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { PgBoss } from 'pg-boss';
import { inject } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type SupervisorOptions, SyncSupervisor } from '../../src/sync/sync-supervisor.js';

export interface TestDatabase {
  url: string;
  db: Db;
  sql: SqlPool;
  /** Closes both pools and drops the database. */
  close(): Promise<void>;
}

interface PoolSizes {
  db: number;
  sql: number;
  statementTimeoutMs?: number;
}

/** Applies the migrations to the (existing) database at `url` and opens a Prisma client and a SQL pool on it. */
export async function migrateAndConnect(url: string, pools: PoolSizes): Promise<{ db: Db; sql: SqlPool }> {
  await applyMigrations(url);
  return { db: createDb(url, { max: pools.db }), sql: createSqlPool(url, { max: pools.sql, statementTimeoutMs: pools.statementTimeoutMs }) };
}

/**
 * A fresh migrated database for one test file: a worker started by another file would take its
 * clusters' leases, so none is shared.
 */
export async function openTestDatabase(name: string, pools: PoolSizes): Promise<TestDatabase> {
  const url = await createFreshDatabase(inject('databaseBaseUrl'), name);
  const { db, sql } = await migrateAndConnect(url, pools);
  return {
    url,
    db,
    sql,
    async close() {
      await db.$disconnect();
      await sql.end();
      await dropDatabase(url);
    },
  };
}

/** The course scenario, settled, with watch bookmarks every second. */
export async function startCourse(): Promise<Simulator> {
  const sim = await startSimulator({ scenario: 'course', bookmarkIntervalMs: 1000 });
  await sim.settle();
  return sim;
}

/** A started supervisor with test timings (scans every 300 ms, 3 s leases) that may reach loopback simulators. */
export function startSupervisor(options: Pick<SupervisorOptions, 'sql' | 'cipher'> & Partial<SupervisorOptions>): SyncSupervisor {
  const supervisor = new SyncSupervisor({ logger: createLogger('silent'), scanIntervalMs: 300, leaseTtlMs: 3000, addressPolicy: { allow: ['loopback'] }, ...options });
  supervisor.start();
  return supervisor;
}

/**
 * A pg-boss with the mail queue that only enqueues (no supervision, schedule or worker): a test
 * asserts what was queued, and nothing sends it. Stop it with `stop({ graceful: false })`.
 */
export async function startQueueOnlyBoss(databaseUrl: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', supervise: false, schedule: false, max: 2 });
  await boss.start();
  await boss.createQueue(jobs.sendMail.name, jobs.sendMail.queue);
  return boss;
}

/** A new organization (and its owner) named `name`; returns its id. */
export async function createTestOrganization(db: Db, name: string): Promise<string> {
  const user = await createUser(db, { email: `${name.replace(/\W+/g, '-')}-${crypto.randomUUID().slice(0, 8)}@sync.test`, name, passwordHash: 'x' });
  return (await db.$transaction((tx) => createOrganization(tx, { name, ownerId: user.id }))).id;
}

/**
 * Polls `fn` until it holds. A throw counts as "not yet" (Postgres may be down on purpose);
 * the last one is named if time runs out, so a broken condition still says why.
 */
export async function waitFor(what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 60_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await fn()) return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Every difference between a simulator's objects and Postgres' copy of one cluster (name and resourceVersion), both ways. */
export async function copyDifferences(sim: Simulator, db: Db, clusterId: string): Promise<string[]> {
  const diffs: string[] = [];
  for (const res of RESOURCE_LIST) {
    let objects = sim.objects.list(apiVersionOf(res), res.kind);
    // Only TLS Secrets are synced.
    if (res.key === 'secrets') objects = objects.filter((o) => (o as { type?: string }).type === 'kubernetes.io/tls');
    const want = new Map(objects.map((o) => [`${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o.metadata?.resourceVersion]));
    const rows = await db.kubeObject.findMany({ where: { clusterId, resource: res.key }, select: { namespace: true, name: true, resourceVersion: true } });
    const have = new Map(rows.map((r) => [`${r.namespace}/${r.name}`, r.resourceVersion]));
    for (const [k, rv] of want) if (have.get(k) !== rv) diffs.push(`${res.key} ${k}: cluster rv ${rv}, copy ${have.get(k) ?? 'missing'}`);
    for (const k of have.keys()) if (!want.has(k)) diffs.push(`${res.key} ${k}: deleted in the cluster, still in the copy`);
  }
  return diffs;
}

/**
 * Registers an API server (bearer token, its CA) as cluster `name` of `organizationId`, or of a
 * new organization; returns the cluster id. Without a CA, TLS verification is off.
 */
export async function registerServer(db: Db, cipher: CredentialCipher, target: { url: string; caPem?: string; token: string }, name: string, organizationId?: string): Promise<string> {
  const orgId = organizationId ?? (await createTestOrganization(db, name));
  const id = crypto.randomUUID();
  const insecureSkipTlsVerify = !target.caPem;
  const sealed = sealClusterCredentials(cipher, { id, server: target.url, insecureSkipTlsVerify }, { caPem: target.caPem, auth: { kind: 'token', token: target.token } });
  await createCluster(db, orgId, { id, name, server: target.url, authKind: 'token', insecureSkipTlsVerify, ...sealed });
  return id;
}

/** Registers a simulator with its admin token. */
export function registerSimulator(db: Db, cipher: CredentialCipher, target: Simulator, name: string, organizationId?: string): Promise<string> {
  return registerServer(db, cipher, { url: target.url, caPem: target.caPem, token: target.tokens.admin }, name, organizationId);
}
