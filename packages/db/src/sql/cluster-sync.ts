import type { TClusterStatus } from '@portico/contracts';
import type { Sql } from './pool.js';

// The sync engine's view of clusters: the worker serves every organization, one cluster at a time.

export interface SyncableCluster {
  id: string;
  organizationId: string;
  server: string;
  insecureSkipTlsVerify: boolean;
  credentials: string;
  credentialsKeyId: string;
  /** What the last worker reported; a new sync starts from it so a restart forgets no warning. */
  syncWarnings?: SyncWarning[];
}

/** An object the sync stored altered (e.g. a NUL replaced) or skipped, shown on the cluster page. */
export interface SyncWarning {
  kind: string;
  namespace: string;
  name: string;
  message: string;
}

/** Enabled clusters, for the worker's supervisor to consider. */
export async function listSyncableClusterIds(sql: Sql): Promise<string[]> {
  const result = await sql.query<{ id: string }>(`SELECT "id" FROM "Cluster" WHERE "enabled" ORDER BY "createdAt"`);
  return result.rows.map((r) => r.id);
}

export async function findClusterForSync(sql: Sql, id: string): Promise<SyncableCluster | undefined> {
  const result = await sql.query<SyncableCluster>(
    `SELECT "id", "organizationId", "server", "insecureSkipTlsVerify", "credentials", "credentialsKeyId", "syncWarnings" FROM "Cluster" WHERE "id" = $1 AND "enabled"`,
    [id],
  );
  return result.rows[0];
}

/**
 * A sync lease's fencing token: the cluster and the lease generation a sync was started under.
 * Every sync write carries it and is checked against the cluster's current generation in the
 * same statement, so a stalled former holder (a long GC pause, a frozen VM) that wakes up after
 * another worker took over writes and deletes nothing.
 * @see https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html
 */
export interface LeaseFence {
  clusterId: string;
  leaseGeneration: number;
}

/**
 * SQL for a CTE that yields one row while `fence` is still the cluster's current lease, and
 * holds a KEY SHARE lock on the cluster row until the statement's transaction ends: the lock a
 * foreign key check takes anyway, so status updates are not blocked, but a takeover (FOR UPDATE
 * in `acquireClusterLease`) waits for the write to finish — and a write waiting behind a takeover
 * re-reads the generation and finds it changed. Parameters `$<clusterParam>` and `$<generationParam>`.
 */
export const leaseHeldSql = (clusterParam: number, generationParam: number) =>
  `SELECT 1 FROM "Cluster" WHERE "id" = $${clusterParam}::uuid AND "leaseGeneration" = $${generationParam}::bigint FOR KEY SHARE`;

/**
 * Takes or renews the sync lease of a cluster. Succeeds when nobody holds it, the holder is
 * us, or the holder's lease ran out (a dead worker): another worker then takes over. Returns the
 * lease generation (the fencing token for this holder's writes), or `undefined` when someone
 * else holds the lease. A takeover — any acquisition by a holder other than the current one,
 * including after a release — increments the generation; a renewal keeps it.
 */
export async function acquireClusterLease(sql: Sql, clusterId: string, holder: string, ttlMs: number): Promise<number | undefined> {
  // FOR UPDATE (not the UPDATE's own weaker lock) so a takeover waits for in-flight fenced writes.
  const result = await sql.query<{ leaseGeneration: string }>(
    `WITH locked AS (SELECT "id" FROM "Cluster" WHERE "id" = $1 AND "enabled" FOR UPDATE)
     UPDATE "Cluster" c SET "leaseHolder" = $2, "leaseExpiresAt" = now() + $3 * interval '1 millisecond',
       "leaseGeneration" = c."leaseGeneration" + CASE WHEN c."leaseHolder" IS DISTINCT FROM $2 THEN 1 ELSE 0 END
     FROM locked
     WHERE c."id" = locked."id" AND (c."leaseHolder" IS NULL OR c."leaseHolder" = $2 OR c."leaseExpiresAt" < now())
     RETURNING c."leaseGeneration"`,
    [clusterId, holder, ttlMs],
  );
  const row = result.rows[0];
  return row ? Number(row.leaseGeneration) : undefined;
}

export async function releaseClusterLease(sql: Sql, clusterId: string, holder: string): Promise<void> {
  await sql.query(`UPDATE "Cluster" SET "leaseHolder" = NULL, "leaseExpiresAt" = NULL WHERE "id" = $1 AND "leaseHolder" = $2`, [clusterId, holder]);
}

export interface ClusterSyncState {
  status?: TClusterStatus;
  statusReason?: string | null;
  lastSyncedAt?: Date;
  syncProgress?: Record<string, { done: number; total: number }>;
  facts?: Record<string, unknown>;
  syncWarnings?: SyncWarning[];
}

/** Writes the given fields of a cluster's sync state (status line, progress, facts), unless the lease was taken over since. */
export async function recordClusterSyncState(sql: Sql, fence: LeaseFence, state: ClusterSyncState): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [fence.clusterId, fence.leaseGeneration];
  const set = (column: string, value: unknown, cast = '') => {
    values.push(value);
    sets.push(`"${column}" = $${values.length}${cast}`);
  };
  if (state.status !== undefined) set('status', state.status, '::"ClusterStatus"');
  if (state.statusReason !== undefined) set('statusReason', state.statusReason);
  if (state.lastSyncedAt !== undefined) set('lastSyncedAt', state.lastSyncedAt);
  if (state.syncProgress !== undefined) set('syncProgress', JSON.stringify(state.syncProgress), '::jsonb');
  if (state.facts !== undefined) set('facts', JSON.stringify(state.facts), '::jsonb');
  if (state.syncWarnings !== undefined) set('syncWarnings', JSON.stringify(state.syncWarnings), '::jsonb');
  if (sets.length === 0) return;
  await sql.query(`UPDATE "Cluster" SET ${sets.join(', ')}, "updatedAt" = now() WHERE "id" = $1 AND "leaseGeneration" = $2`, values);
}
