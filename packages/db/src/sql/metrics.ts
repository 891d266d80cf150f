import type { Sql } from './pool.js';

// What the Prometheus endpoints read at scrape time (docs/metrics.md): a handful of set-based
// queries, times as epoch seconds computed by Postgres (no Date per row). The API reads one
// organization's rows, always filtered by its id; the worker reads fleet-wide counts whose labels
// are ids and states only, never a tenant's names.

/** A cert-manager Certificate, as cert-manager's own metrics label it. */
export interface CertManagerCertificateMetric {
  cluster: string;
  namespace: string;
  name: string;
  issuerName: string;
  issuerKind: string;
  /** The Ready condition: true, false, or null when it has none yet. */
  ready: boolean | null;
  notAfter: number | null;
  renewalTime: number | null;
}

/** One certificate of a TLS Secret's `tls.crt` (leaf first, then intermediates), as x509-certificate-exporter labels it. */
export interface X509CertificateMetric {
  cluster: string;
  secretNamespace: string;
  secretName: string;
  /** Distinguished names on one line (`CN=…, O=…`). */
  subject: string;
  issuer: string;
  /** Hexadecimal, as parsed. */
  serialNumber: string;
  notAfter: number;
}

export interface ClusterSyncMetric {
  /** The cluster's name (organization scope) or id (fleet scope). */
  cluster: string;
  status: string;
  /** When the copy was last known current (the sync reached ready, or refreshed facts while every watch was healthy). */
  lastSyncedAt: number | null;
}

export interface StateCount {
  state: string;
  count: number;
}

/** The outbox: sent and failed only grow (a message ends in one of them), pending is what waits. */
export interface MailTotals {
  sent: number;
  failed: number;
  pending: number;
}

export interface OrganizationMetrics {
  certManager: CertManagerCertificateMetric[];
  x509: X509CertificateMetric[];
  clusters: ClusterSyncMetric[];
  changes: (StateCount & { cluster: string })[];
  mail: MailTotals;
}

export interface FleetMetrics {
  clusters: ClusterSyncMetric[];
  changes: StateCount[];
  mail: MailTotals;
  jobs: (StateCount & { queue: string })[];
}

/** Changes still to run: the change queue's depth. */
const OPEN_CHANGE_STATES = `('awaiting_approval', 'pending', 'applying')`;
const epoch = (expr: string) => `extract(epoch from ${expr})::float8`;
const MAIL_TOTALS = `SELECT count(*) FILTER (WHERE "state" = 'sent')::int AS "sent", count(*) FILTER (WHERE "state" = 'failed')::int AS "failed",
                            count(*) FILTER (WHERE "state" IN ('pending', 'sending'))::int AS "pending" FROM "OutboxMessage"`;

/** Everything `/api/metrics` shows one organization; every query is filtered by `organizationId`. */
export async function readOrganizationMetrics(sql: Sql, organizationId: string): Promise<OrganizationMetrics> {
  const [certManager, x509, clusters, changes, mail] = await Promise.all([
    sql.query<CertManagerCertificateMetric>(
      `SELECT cl."name" AS "cluster", t."namespace", t."certManagerName" AS "name", COALESCE(t."issuerRefName", '') AS "issuerName",
              COALESCE(t."issuerRefKind", '') AS "issuerKind", t."ready", ${epoch('t."notAfter"')} AS "notAfter",
              ${epoch('t."renewalTime"')} AS "renewalTime"
         FROM "TrackedCertificate" t JOIN "Cluster" cl ON cl."id" = t."clusterId"
        WHERE t."organizationId" = $1::uuid AND t."certManagerName" IS NOT NULL`,
      [organizationId],
    ),
    sql.query<X509CertificateMetric>(
      `SELECT cl."name" AS "cluster", t."namespace" AS "secretNamespace", t."secretName", e.c->>'subject' AS "subject", e.c->>'issuer' AS "issuer",
              COALESCE(e.c->>'serialNumber', '') AS "serialNumber", ${epoch(`(e.c->>'notAfter')::timestamptz`)} AS "notAfter"
         FROM "TrackedCertificate" t JOIN "Cluster" cl ON cl."id" = t."clusterId"
              CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(t."chain") = 'array' THEN t."chain" ELSE '[]'::jsonb END) e(c)
        WHERE t."organizationId" = $1::uuid AND t."secretExists" AND e.c->>'from' = 'tls.crt' AND e.c->>'notAfter' IS NOT NULL`,
      [organizationId],
    ),
    sql.query<ClusterSyncMetric>(
      `SELECT "name" AS "cluster", "status"::text AS "status", ${epoch('"lastSyncedAt"')} AS "lastSyncedAt" FROM "Cluster" WHERE "organizationId" = $1::uuid AND "enabled"`,
      [organizationId],
    ),
    sql.query<StateCount & { cluster: string }>(
      `SELECT cl."name" AS "cluster", ch."state"::text AS "state", count(*)::int AS "count"
         FROM "Change" ch JOIN "Cluster" cl ON cl."id" = ch."clusterId"
        WHERE ch."organizationId" = $1::uuid AND ch."state" IN ${OPEN_CHANGE_STATES}
        GROUP BY 1, 2`,
      [organizationId],
    ),
    sql.query<MailTotals>(`${MAIL_TOTALS} WHERE "organizationId" = $1::uuid`, [organizationId]),
  ]);
  return { certManager: certManager.rows, x509: x509.rows, clusters: clusters.rows, changes: changes.rows, mail: mail.rows[0] };
}

/** The worker's `/metrics`: the whole installation, labelled by ids, states and queue names only. */
export async function readFleetMetrics(sql: Sql, bossSchema = 'pgboss'): Promise<FleetMetrics> {
  const [clusters, changes, mail, jobs] = await Promise.all([
    sql.query<ClusterSyncMetric>(`SELECT "id"::text AS "cluster", "status"::text AS "status", ${epoch('"lastSyncedAt"')} AS "lastSyncedAt" FROM "Cluster" WHERE "enabled"`),
    sql.query<StateCount>(`SELECT "state"::text AS "state", count(*)::int AS "count" FROM "Change" WHERE "state" IN ${OPEN_CHANGE_STATES} GROUP BY 1`),
    sql.query<MailTotals>(MAIL_TOTALS),
    // Jobs not finished yet, live (pg-boss's own queue counts lag by its monitor interval, a minute).
    sql.query<StateCount & { queue: string }>(
      `SELECT "name" AS "queue", CASE WHEN "state" = 'active' THEN 'active' ELSE 'queued' END AS "state", count(*)::int AS "count"
         FROM "${bossSchema}"."job" WHERE "state" <= 'active' GROUP BY 1, 2`,
    ),
  ]);
  return { clusters: clusters.rows, changes: changes.rows, mail: mail.rows[0], jobs: jobs.rows };
}
