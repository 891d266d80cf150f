import type { TCertificateState, TCertificateThresholds, TrackedCertificateFacts } from '@portico/contracts';
import { InvalidCursorError, decodeCursor, encodeCursor } from '../cursor.js';
import { type CertificateRuleSql, stateSql } from '../sql/certificate-level.js';
import type { Sql } from '../sql/pool.js';

// The API's reads of "TrackedCertificate" (issue 11). Plain SQL like the inventory: the state
// filter is the SQL twin of the contract's rules. The organization id is always a parameter.

/** A stored tracked certificate, with its cluster's name; dates as Date, as node-postgres reads them. */
export interface TrackedCertificateRow extends Omit<TrackedCertificateFacts, 'notBefore' | 'notAfter' | 'intermediateNotAfter' | 'renewalTime'> {
  id: string;
  clusterId: string;
  clusterName: string;
  notBefore: Date | null;
  notAfter: Date | null;
  intermediateNotAfter: Date | null;
  renewalTime: Date | null;
  updatedAt: Date;
}

export interface TrackedCertificateFilter {
  organizationId: string;
  clusterId?: string;
  namespace?: string;
  state?: TCertificateState;
  owner?: string;
  q?: string;
  /** By notAfter (days left); certificates without one come last either way. */
  sort: 'daysLeft' | '-daysLeft';
  limit: number;
  cursor?: string;
  /** The instant and thresholds the state filter judges by. */
  now: Date;
  thresholds: TCertificateThresholds;
}

const COLUMNS = `t.id, t."clusterId", c.name AS "clusterName", t.namespace, t."secretName", t.source, t."secretExists", t."certManagerName",
  t.subject, t."commonName", t."issuerName", coalesce(t."dnsNames", '{}') AS "dnsNames", t."notBefore", t."notAfter",
  t."lifetimeSeconds"::float8 AS "lifetimeSeconds", t."fingerprintSha256", t."serialNumber", t."keyAlgorithm", t."keySize", t.chain,
  t."chainComplete", t."intermediateNotAfter", t."issuerRefKind", t."issuerRefName", t."issuerReady", t."issuerMessage", t.ready,
  t."readyReason", t."readyMessage", t."renewalTime", t.revision, t."requestState", t."requestMessage", t."usedBy",
  coalesce(t.hosts, '{}') AS hosts, coalesce(t."uncoveredHosts", '{}') AS "uncoveredHosts", t.owner, coalesce(t.problems, '{}') AS problems,
  t."parseError", t."updatedAt"`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * One filtered page, sorted by notAfter then id. Two keyset branches so that both are index
 * range scans on ("organizationId", "notAfter", "id"): certificates with a notAfter in order,
 * then those without one (a missing Secret) by id. The cursor names which branch it is in
 * (an empty notAfter key means the second).
 */
export async function listTrackedCertificates(sql: Sql, f: TrackedCertificateFilter): Promise<{ items: TrackedCertificateRow[]; nextCursor: string | null }> {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // Each rule parameter is bound where it is used: Postgres cannot type a parameter that appears nowhere.
  const rules: CertificateRuleSql = {
    get now() {
      return `${p(f.now)}::timestamptz`;
    },
    get warningDays() {
      return `${p(f.thresholds.warningDays)}::int`;
    },
    get criticalDays() {
      return `${p(f.thresholds.criticalDays)}::int`;
    },
    get criticalLifetimeFraction() {
      return `${p(f.thresholds.criticalLifetimeFraction)}::float8`;
    },
    get overdueHours() {
      return `${p(f.thresholds.overdueHours)}::int`;
    },
  };
  const where = [`t."organizationId" = ${p(f.organizationId)}::uuid`];
  if (f.clusterId) where.push(`t."clusterId" = ${p(f.clusterId)}::uuid`);
  if (f.namespace) where.push(`t.namespace = ${p(f.namespace)}`);
  if (f.owner) where.push(`t.owner = ${p(f.owner)}`);
  if (f.state) where.push(stateSql(f.state, 't', rules));
  if (f.q) {
    const like = p(`%${likeEscape(f.q.toLowerCase())}%`);
    where.push(`(lower(t."secretName") LIKE ${like} OR lower(coalesce(t."certManagerName", '')) LIKE ${like} OR EXISTS (SELECT 1 FROM unnest(t."dnsNames") d WHERE lower(d) LIKE ${like}))`);
  }
  const list = `certificates:${f.sort}`;
  const after = decodeCursor(f.cursor, list, 2);
  if (after && after[0] !== '' && !ISO.test(after[0])) throw new InvalidCursorError('malformed time');
  const desc = f.sort === '-daysLeft';
  const cmp = desc ? '<' : '>';
  const dir = desc ? 'DESC' : 'ASC';
  const limit = p(f.limit + 1);
  const base = where.join(' AND ');
  const withTime = after?.[0] === '' ? null : `${base} AND t."notAfter" IS NOT NULL${after ? ` AND (t."notAfter", t.id) ${cmp} (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)` : ''}`;
  const withoutTime = `${base} AND t."notAfter" IS NULL${after?.[0] === '' ? ` AND t.id ${cmp} ${p(after[1])}::uuid` : ''}`;
  const branch = (cond: string, order: string) => `(SELECT t.* FROM "TrackedCertificate" t WHERE ${cond} ORDER BY ${order} LIMIT ${limit})`;
  const branches = [...(withTime ? [branch(withTime, `t."notAfter" ${dir}, t.id ${dir}`)] : []), branch(withoutTime, `t.id ${dir}`)];
  const result = await sql.query<TrackedCertificateRow>(
    `SELECT ${COLUMNS} FROM (${branches.join(' UNION ALL ')}) t JOIN "Cluster" c ON c.id = t."clusterId"
     ORDER BY t."notAfter" IS NULL, t."notAfter" ${dir}, t.id ${dir} LIMIT ${limit}`,
    values,
  );
  const items = result.rows.slice(0, f.limit);
  const last = items.at(-1);
  const nextCursor = result.rows.length > f.limit && last ? encodeCursor(list, [last.notAfter ? last.notAfter.toISOString() : '', last.id]) : null;
  return { items, nextCursor };
}

/** One tracked certificate of the organization, or null (another organization's is null too). */
export async function findTrackedCertificate(sql: Sql, organizationId: string, id: string): Promise<TrackedCertificateRow | null> {
  const result = await sql.query<TrackedCertificateRow>(
    `SELECT ${COLUMNS} FROM "TrackedCertificate" t JOIN "Cluster" c ON c.id = t."clusterId" WHERE t."organizationId" = $1::uuid AND t.id = $2::uuid`,
    [organizationId, id],
  );
  return result.rows[0] ?? null;
}
