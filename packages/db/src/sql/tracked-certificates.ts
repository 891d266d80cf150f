import type { TrackedCertificateFacts } from '@portico/contracts';
import { leaseHeldSql } from './cluster-sync.js';
import type { SyncScope } from './kube-objects.js';
import type { Sql } from './pool.js';

/**
 * The worker's side of "TrackedCertificate": it reads a cluster's certificate-related objects,
 * builds the rows (packages/kube `buildTrackedCertificates`) and replaces the cluster's rows here.
 */

/** The synced objects of some resources of one cluster, with their labels and slimmed bodies. */
export async function findCertificateSourceObjects(
  sql: Sql,
  clusterId: string,
  resources: readonly string[],
): Promise<{ resource: string; namespace: string; name: string; labels: Record<string, string>; body: Record<string, unknown> }[]> {
  const result = await sql.query<{ resource: string; namespace: string; name: string; labels: Record<string, string>; body: Record<string, unknown> }>(
    `SELECT "resource", "namespace", "name", "labels", "body" FROM "KubeObject" WHERE "clusterId" = $1 AND "resource" = ANY($2::text[])`,
    [clusterId, resources],
  );
  return result.rows;
}

/** Each written column and its SQL type in the JSON the rows travel as. */
const COLUMNS: [keyof TrackedCertificateFacts, string][] = [
  ['namespace', 'text'],
  ['secretName', 'text'],
  ['source', 'text'],
  ['secretExists', 'boolean'],
  ['certManagerName', 'text'],
  ['subject', 'text'],
  ['commonName', 'text'],
  ['issuerName', 'text'],
  ['dnsNames', 'text[]'],
  ['notBefore', 'timestamptz'],
  ['notAfter', 'timestamptz'],
  ['lifetimeSeconds', 'bigint'],
  ['fingerprintSha256', 'text'],
  ['serialNumber', 'text'],
  ['keyAlgorithm', 'text'],
  ['keySize', 'int'],
  ['chain', 'jsonb'],
  ['chainComplete', 'boolean'],
  ['intermediateNotAfter', 'timestamptz'],
  ['issuerRefKind', 'text'],
  ['issuerRefName', 'text'],
  ['issuerReady', 'boolean'],
  ['issuerMessage', 'text'],
  ['ready', 'boolean'],
  ['readyReason', 'text'],
  ['readyMessage', 'text'],
  ['renewalTime', 'timestamptz'],
  ['revision', 'int'],
  ['requestState', 'text'],
  ['requestMessage', 'text'],
  ['usedBy', 'jsonb'],
  ['hosts', 'text[]'],
  ['uncoveredHosts', 'text[]'],
  ['owner', 'text'],
  ['problems', 'text[]'],
  ['parseError', 'text'],
];
const quoted = COLUMNS.map(([c]) => `"${c}"`);
const UPDATED = COLUMNS.filter(([c]) => c !== 'namespace' && c !== 'secretName').map(([c]) => `"${c}"`);

/**
 * Replaces one cluster's tracked certificates with `rows`, in one statement (so atomically) and
 * fenced by the sync lease like every sync write: a stale former holder changes nothing. A row
 * keeps its id while its (namespace, secretName) exists, so links and alerts stay valid; it is
 * rewritten (and `updatedAt` moves) only when a value changed. Returns how many rows were
 * written or deleted: 0 means nothing changed.
 */
export async function replaceTrackedCertificates(sql: Sql, scope: SyncScope, rows: readonly TrackedCertificateFacts[]): Promise<{ written: number; deleted: number }> {
  const result = await sql.query<{ written: number; deleted: number }>(
    `WITH lease AS (${leaseHeldSql(2, 4)}),
     input AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS t(${COLUMNS.map(([c, type]) => `"${c}" ${type}`).join(', ')})),
     written AS (
       INSERT INTO "TrackedCertificate" ("id", "organizationId", "clusterId", ${quoted.join(', ')}, "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, ${COLUMNS.map(([c, type]) => (type.endsWith('[]') || type === 'jsonb' ? `coalesce(input."${c}", '${type === 'jsonb' ? '[]' : '{}'}')` : `input."${c}"`)).join(', ')}, now()
       FROM input CROSS JOIN lease
       ON CONFLICT ("clusterId", "namespace", "secretName") DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, "updatedAt" = now()
       WHERE (${UPDATED.map((c) => `"TrackedCertificate".${c}`).join(', ')}) IS DISTINCT FROM (${UPDATED.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING 1),
     deleted AS (
       DELETE FROM "TrackedCertificate" tc USING lease
       WHERE tc."clusterId" = $2::uuid AND NOT EXISTS (SELECT 1 FROM input i WHERE i."namespace" = tc."namespace" AND i."secretName" = tc."secretName")
       RETURNING 1)
     SELECT (SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM deleted)::int AS deleted`,
    [scope.organizationId, scope.clusterId, JSON.stringify(rows), scope.leaseGeneration],
  );
  return result.rows[0] ?? { written: 0, deleted: 0 };
}
