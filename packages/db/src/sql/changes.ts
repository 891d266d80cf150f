import type { SyncableCluster } from './cluster-sync.js';
import type { Sql, SqlPool } from './pool.js';

// The worker's side of the change pipeline: claim a change, record its outcome and its audit
// event in one transaction. Every write is guarded by the state it expects, so a change is
// recorded once however many times its job runs.

export interface ClaimedChange {
  id: string;
  organizationId: string;
  clusterId: string;
  authorUserId: string | null;
  authorTokenId: string | null;
  type: string;
  operation: 'apply' | 'delete';
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  request: Record<string, unknown>;
  baseResourceVersion: string | null;
  overwriteNewer: boolean;
  force: boolean;
  attempts: number;
  revertOfId: string | null;
  /** The state before this claim: `applying` means an earlier attempt may have reached the cluster. */
  previousState: string;
}

/**
 * Marks a pending change (or one a killed worker left applying) as applying and counts the
 * attempt. `undefined` when the change is in no such state: cancelled, already recorded, or
 * waiting for approval — its job then has nothing to do.
 */
export async function claimChange(sql: Sql, id: string): Promise<ClaimedChange | undefined> {
  const result = await sql.query<ClaimedChange>(
    `WITH prev AS (SELECT "id", "state" FROM "Change" WHERE "id" = $1 FOR UPDATE)
     UPDATE "Change" c SET "state" = 'applying', "attempts" = c."attempts" + 1, "startedAt" = COALESCE(c."startedAt", now()), "updatedAt" = now()
       FROM prev
      WHERE c."id" = prev."id" AND prev."state" IN ('pending', 'applying')
      RETURNING c."id", c."organizationId", c."clusterId", c."authorUserId", c."authorTokenId", c."type", c."operation", c."apiVersion", c."kind", c."namespace", c."name",
                c."request", c."baseResourceVersion", c."overwriteNewer", c."force", c."attempts", c."revertOfId", prev."state" AS "previousState"`,
    [id],
  );
  return result.rows[0];
}

/** The change a revert undoes: what it applied and the object as it was. */
export async function findRevertedChange(
  sql: Sql,
  organizationId: string,
  id: string,
): Promise<{ manifest: Record<string, unknown> | null; before: Record<string, unknown> | null; result: Record<string, unknown> | null; operation: string } | undefined> {
  const result = await sql.query(`SELECT "manifest", "before", "result", "operation" FROM "Change" WHERE "id" = $1 AND "organizationId" = $2`, [id, organizationId]);
  return result.rows[0] as never;
}

/** The cluster a change targets, with its sealed credentials (opened only in the worker's memory). */
export async function findClusterForChange(sql: Sql, organizationId: string, id: string): Promise<Omit<SyncableCluster, 'syncWarnings'> | undefined> {
  const result = await sql.query<SyncableCluster>(
    `SELECT c."id", c."organizationId", c."server", c."insecureSkipTlsVerify", c."credentials", c."credentialsKeyId" FROM "Change" ch JOIN "Cluster" c ON c."id" = ch."clusterId"
      WHERE ch."id" = $1 AND ch."organizationId" = $2`,
    [id, organizationId],
  );
  return result.rows[0];
}

export interface ChangeOutcomeRecord {
  state: 'applied' | 'failed';
  manifest: unknown;
  before: unknown;
  after: unknown;
  result: unknown;
  error: unknown;
  /** The audit event: what happened, to which object, by whose change. */
  audit: { action: string; details: Record<string, unknown> };
}

/**
 * Records the outcome and its audit event in one transaction, only if the change is still
 * `applying`: a job run twice (a worker killed after recording, before pg-boss heard of it)
 * records nothing the second time. Returns whether this call recorded it.
 */
export async function recordChangeOutcome(pool: SqlPool, change: Pick<ClaimedChange, 'id' | 'organizationId' | 'authorUserId' | 'authorTokenId'>, outcome: ChangeOutcomeRecord): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query(
      `UPDATE "Change" SET "state" = $2::"ChangeState", "manifest" = $3::jsonb, "before" = $4::jsonb, "after" = $5::jsonb, "result" = $6::jsonb, "error" = $7::jsonb,
              "finishedAt" = now(), "updatedAt" = now()
        WHERE "id" = $1 AND "state" = 'applying'`,
      [change.id, outcome.state, json(outcome.manifest), json(outcome.before), json(outcome.after), json(outcome.result), json(outcome.error)],
    );
    if (updated.rowCount !== 1) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(
      `INSERT INTO "AuditEvent" ("id", "organizationId", "actorUserId", "actorTokenId", "action", "targetType", "targetId", "outcome", "details")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'change', $5, $6, $7::jsonb)`,
      [change.organizationId, change.authorUserId, change.authorTokenId, outcome.audit.action, change.id, outcome.state === 'applied' ? 'success' : 'failure', JSON.stringify(outcome.audit.details)],
    );
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Stores the error of an attempt that will be retried, so the change page says why it is waiting. */
export async function noteChangeRetry(sql: Sql, id: string, error: unknown): Promise<void> {
  await sql.query(`UPDATE "Change" SET "error" = $2::jsonb, "updatedAt" = now() WHERE "id" = $1 AND "state" = 'applying'`, [id, json(error)]);
}

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** The synced copy's resourceVersion of one object (`null`: not in the copy). */
export async function findSyncedVersion(
  sql: Sql,
  organizationId: string,
  target: { clusterId: string; kind: string; namespace: string; name: string },
): Promise<{ id: string; resourceVersion: string } | null> {
  const result = await sql.query<{ id: string; resourceVersion: string }>(
    `SELECT "id", "resourceVersion" FROM "KubeObject" WHERE "organizationId" = $1 AND "clusterId" = $2 AND "kind" = $3 AND "namespace" = $4 AND "name" = $5 LIMIT 1`,
    [organizationId, target.clusterId, target.kind, target.namespace, target.name],
  );
  return result.rows[0] ?? null;
}

/**
 * Node ports the cluster's Services use, from the synced copy: one indexed scan of the
 * cluster's Services, whatever their number (a preview warns before the apiserver refuses).
 */
export async function listNodePortsInUse(sql: Sql, organizationId: string, clusterId: string): Promise<{ nodePort: number; protocol: string; service: string }[]> {
  const result = await sql.query<{ nodePort: number; protocol: string; service: string }>(
    `SELECT (p->>'nodePort')::int AS "nodePort", COALESCE(p->>'protocol', 'TCP') AS "protocol", o."namespace" || '/' || o."name" AS "service"
       FROM "KubeObject" o
       CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(o."body"->'spec'->'ports') = 'array' THEN o."body"->'spec'->'ports' ELSE '[]'::jsonb END) p
      WHERE o."organizationId" = $1 AND o."clusterId" = $2 AND o."resource" = 'services' AND jsonb_typeof(p->'nodePort') = 'number'`,
    [organizationId, clusterId],
  );
  return result.rows;
}
