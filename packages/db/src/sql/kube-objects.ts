import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type LeaseFence, leaseHeldSql } from './cluster-sync.js';
import type { Sql, SqlPool } from './pool.js';

/** Where sync rows go, and the lease they are written under (a stale holder's writes change nothing). */
export type SyncScope = LeaseFence & { organizationId: string };

/** A synced object as the sync engine hands it over (already slimmed: no managedFields, no Secret data). */
export interface KubeObjectRow {
  resource: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  labels: Record<string, string>;
  body: unknown;
  serviceType: string | null;
  ingressClass: string | null;
  hosts: string[];
}

export interface KubeObjectKey {
  namespace: string;
  name: string;
}

/**
 * Set-based upsert of many objects in one statement. The rows travel as one JSON parameter
 * (V8's `JSON.stringify` is the cheapest serializer there is, and Postgres parses it in C)
 * and are unpacked server-side by `jsonb_to_recordset` (parsed once; measured faster than
 * `json_to_recordset`, which re-parses each row's `body` into jsonb).
 */
export async function upsertKubeObjects(sql: Sql, scope: SyncScope, rows: readonly KubeObjectRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql.query(
    `WITH lease AS (${leaseHeldSql(2, 4)})
     INSERT INTO "KubeObject" ("id", "organizationId", "clusterId", "resource", "apiVersion", "kind", "namespace", "name", "uid",
       "resourceVersion", "labels", "body", "serviceType", "ingressClass", "hosts", "syncedAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, t."resource", t."apiVersion", t."kind", t."namespace", t."name", t."uid",
       t."resourceVersion", coalesce(t."labels", '{}'), t."body", t."serviceType", t."ingressClass", coalesce(t."hosts", '{}'), now()
     FROM jsonb_to_recordset($3::jsonb) AS t("resource" text, "apiVersion" text, "kind" text, "namespace" text, "name" text, "uid" text,
       "resourceVersion" text, "labels" jsonb, "body" jsonb, "serviceType" text, "ingressClass" text, "hosts" text[]) CROSS JOIN lease
     ON CONFLICT ("clusterId", "resource", "namespace", "name") DO UPDATE SET
       "apiVersion" = EXCLUDED."apiVersion", "kind" = EXCLUDED."kind", "uid" = EXCLUDED."uid",
       "resourceVersion" = EXCLUDED."resourceVersion", "labels" = EXCLUDED."labels", "body" = EXCLUDED."body",
       "serviceType" = EXCLUDED."serviceType", "ingressClass" = EXCLUDED."ingressClass", "hosts" = EXCLUDED."hosts",
       "syncedAt" = now()`,
    [scope.organizationId, scope.clusterId, JSON.stringify(rows), scope.leaseGeneration],
  );
  return result.rowCount ?? 0;
}

const COPY_COLUMNS = `"id", "organizationId", "clusterId", "resource", "apiVersion", "kind", "namespace", "name", "uid", "resourceVersion", "labels", "body", "serviceType", "ingressClass", "hosts"`;

const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: backslash escapes for the characters it gives meaning to; `\N` is NULL. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * `JSON.stringify` output in COPY's text format. JSON text never holds a raw tab, newline or
 * carriage return (they are written as escapes), so only its backslashes need doubling.
 */
const copyJson = (value: unknown) => {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
};

/** A text[] literal, each element quoted (`{"a","b"}`). */
const arrayLiteral = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/**
 * Loads rows of a resource that has none stored yet (a cluster's first sync) with `COPY FROM
 * STDIN`: Postgres' bulk-load path, about half the server CPU of the upsert (no per-row
 * executor, no JSON unpacking). A row that exists after all (unique violation, 23505) fails the
 * whole page, and the caller falls back to `upsertKubeObjects`.
 * @see https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2
 */
export async function copyKubeObjects(pool: SqlPool, scope: SyncScope, rows: readonly KubeObjectRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const lines = rows.map((r) =>
    [
      randomUUID(),
      scope.organizationId,
      scope.clusterId,
      copyText(r.resource),
      copyText(r.apiVersion),
      copyText(r.kind),
      copyText(r.namespace),
      copyText(r.name),
      copyText(r.uid),
      copyText(r.resourceVersion),
      copyJson(r.labels ?? {}),
      copyJson(r.body),
      copyText(r.serviceType),
      copyText(r.ingressClass),
      copyText(arrayLiteral(r.hosts ?? [])),
    ].join('\t'),
  );
  const client = await pool.connect();
  try {
    // COPY takes no WHERE: the lease is checked (and KEY SHARE-locked) in the same transaction first.
    await client.query('BEGIN');
    const held = await client.query(leaseHeldSql(1, 2), [scope.clusterId, scope.leaseGeneration]);
    if (held.rowCount === 0) {
      await client.query('ROLLBACK');
      client.release();
      return 0;
    }
    await pipeline(Readable.from([`${lines.join('\n')}\n`]), client.query(copyFrom(`COPY "KubeObject" (${COPY_COLUMNS}) FROM STDIN`)));
    await client.query('COMMIT');
    client.release();
    return rows.length;
  } catch (err) {
    // A refusal by Postgres (an ErrorResponse) leaves the connection usable once rolled back;
    // anything else (a cut socket mid-COPY) may not, so that connection is closed rather than pooled.
    const reusable =
      err instanceof pg.DatabaseError &&
      (await client.query('ROLLBACK').then(
        () => true,
        () => false,
      ));
    client.release(reusable ? undefined : (err as Error));
    throw err;
  }
}

/** Deletes objects of one resource by namespace and name (watch DELETED events, relist sweeps). */
export async function deleteKubeObjects(sql: Sql, fence: LeaseFence, resource: string, keys: readonly KubeObjectKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await sql.query(
    `WITH lease AS (${leaseHeldSql(1, 4)})
     DELETE FROM "KubeObject" o USING json_to_recordset($3::json) AS k("namespace" text, "name" text), lease
     WHERE o."clusterId" = $1 AND o."resource" = $2 AND o."namespace" = k."namespace" AND o."name" = k."name"`,
    [fence.clusterId, resource, JSON.stringify(keys.map((k) => ({ namespace: k.namespace, name: k.name }))), fence.leaseGeneration],
  );
  return result.rowCount ?? 0;
}

/** Deletes every row of one resource of a cluster (its CRD was removed from the cluster). */
export async function deleteKubeObjectsOfResource(sql: Sql, fence: LeaseFence, resource: string): Promise<number> {
  const result = await sql.query(`WITH lease AS (${leaseHeldSql(1, 3)}) DELETE FROM "KubeObject" USING lease WHERE "clusterId" = $1 AND "resource" = $2`, [
    fence.clusterId,
    resource,
    fence.leaseGeneration,
  ]);
  return result.rowCount ?? 0;
}

/**
 * What Postgres holds of one resource: the key and version of each row. A relist compares the
 * cluster's list against it, writes only what changed, and deletes what the list no longer has.
 */
export async function listKubeObjectVersions(sql: Sql, clusterId: string, resource: string): Promise<(KubeObjectKey & { uid: string; resourceVersion: string })[]> {
  const result = await sql.query<KubeObjectKey & { uid: string; resourceVersion: string }>(
    `SELECT "namespace", "name", "uid", "resourceVersion" FROM "KubeObject" WHERE "clusterId" = $1 AND "resource" = $2`,
    [clusterId, resource],
  );
  return result.rows;
}

export async function countKubeObjects(sql: Sql, clusterId: string, resource: string): Promise<number> {
  const result = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "KubeObject" WHERE "clusterId" = $1 AND "resource" = $2`, [clusterId, resource]);
  return result.rows[0]?.n ?? 0;
}

/** Bodies of the objects of some resources (optionally in one namespace), e.g. for facts. */
export async function findKubeObjectBodies(sql: Sql, clusterId: string, filter: { resources: string[]; namespace?: string }): Promise<(KubeObjectKey & { resource: string; body: unknown })[]> {
  const result = await sql.query<KubeObjectKey & { resource: string; body: unknown }>(
    `SELECT "resource", "namespace", "name", "body" FROM "KubeObject"
     WHERE "clusterId" = $1 AND "resource" = ANY($2::text[]) AND ($3::text IS NULL OR "namespace" = $3)`,
    [clusterId, filter.resources, filter.namespace ?? null],
  );
  return result.rows;
}
