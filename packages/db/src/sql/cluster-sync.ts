import type { Sql } from './pool.js';

// The sync engine's view of clusters: the worker serves every organization, one cluster at a time.

export type ClusterStatus = 'pending' | 'syncing' | 'ready' | 'unreachable' | 'error';

export interface SyncableCluster {
  id: string;
  organizationId: string;
  server: string;
  insecureSkipTlsVerify: boolean;
  credentials: string;
  credentialsKeyId: string;
}

/** Enabled clusters, for the worker's supervisor to consider. */
export async function listSyncableClusterIds(sql: Sql): Promise<string[]> {
  const result = await sql.query<{ id: string }>(`SELECT "id" FROM "Cluster" WHERE "enabled" ORDER BY "createdAt"`);
  return result.rows.map((r) => r.id);
}

export async function findClusterForSync(sql: Sql, id: string): Promise<SyncableCluster | undefined> {
  const result = await sql.query<SyncableCluster>(
    `SELECT "id", "organizationId", "server", "insecureSkipTlsVerify", "credentials", "credentialsKeyId" FROM "Cluster" WHERE "id" = $1 AND "enabled"`,
    [id],
  );
  return result.rows[0];
}

/**
 * Takes or renews the sync lease of a cluster. Succeeds when nobody holds it, the holder is
 * us, or the holder's lease ran out (a dead worker): another worker then takes over.
 */
export async function acquireClusterLease(sql: Sql, clusterId: string, holder: string, ttlMs: number): Promise<boolean> {
  const result = await sql.query(
    `UPDATE "Cluster" SET "leaseHolder" = $2, "leaseExpiresAt" = now() + $3 * interval '1 millisecond'
     WHERE "id" = $1 AND "enabled" AND ("leaseHolder" IS NULL OR "leaseHolder" = $2 OR "leaseExpiresAt" < now())`,
    [clusterId, holder, ttlMs],
  );
  return result.rowCount === 1;
}

export async function releaseClusterLease(sql: Sql, clusterId: string, holder: string): Promise<void> {
  await sql.query(`UPDATE "Cluster" SET "leaseHolder" = NULL, "leaseExpiresAt" = NULL WHERE "id" = $1 AND "leaseHolder" = $2`, [clusterId, holder]);
}

export interface ClusterSyncState {
  status?: ClusterStatus;
  statusReason?: string | null;
  lastSyncedAt?: Date;
  syncProgress?: Record<string, { done: number; total: number }>;
  facts?: Record<string, unknown>;
}

/** Writes the given fields of a cluster's sync state (status line, progress, facts). */
export async function recordClusterSyncState(sql: Sql, clusterId: string, state: ClusterSyncState): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [clusterId];
  const set = (column: string, value: unknown, cast = '') => {
    values.push(value);
    sets.push(`"${column}" = $${values.length}${cast}`);
  };
  if (state.status !== undefined) set('status', state.status, '::"ClusterStatus"');
  if (state.statusReason !== undefined) set('statusReason', state.statusReason);
  if (state.lastSyncedAt !== undefined) set('lastSyncedAt', state.lastSyncedAt);
  if (state.syncProgress !== undefined) set('syncProgress', JSON.stringify(state.syncProgress), '::jsonb');
  if (state.facts !== undefined) set('facts', JSON.stringify(state.facts), '::jsonb');
  if (sets.length === 0) return;
  await sql.query(`UPDATE "Cluster" SET ${sets.join(', ')}, "updatedAt" = now() WHERE "id" = $1`, values);
}
