import type { Sql } from './pool.js';

// Cross-cluster search (issue 14; docs/overview.md#search): `LIKE '%part%'` over the trigram
// indexes of migration 20261130090000_overview — objects by `kube_object_search_text(name,
// hosts, body)` (name, served hosts, addresses), certificates by `search_words("dnsNames")`.
// The expressions must be written exactly as indexed, or Postgres cannot use the index.

/** The kinds search finds: what a person jumps to (the migration's partial index lists the same). */
export const SEARCHED_RESOURCES = ['services', 'ingresses', 'httproutes', 'gateways', 'deployments', 'statefulsets', 'daemonsets', 'namespaces', 'nodes'] as const;

export interface SearchRow {
  type: 'object' | 'certificate';
  id: string;
  kind: string;
  clusterId: string;
  clusterName: string;
  namespace: string;
  name: string;
  matched: 'name' | 'host' | 'address' | 'dns-name';
  match: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Up to `limit` matches across the organization's clusters: names first (exact, then prefix,
 * then anywhere), then hosts, addresses and certificates' DNS names; `truncated` when more matched.
 */
export async function searchObjects(sql: Sql, organizationId: string, q: string, limit: number): Promise<{ rows: SearchRow[]; truncated: boolean }> {
  const needle = q.toLowerCase();
  const { rows } = await sql.query<SearchRow>(
    `WITH objects AS (
       SELECT o.id, o.kind, o."clusterId", o.namespace, o.name, o.hosts, kube_object_addresses(o.body) AS addresses
       FROM "KubeObject" o
       WHERE o."organizationId" = $1::uuid AND o.resource IN (${SEARCHED_RESOURCES.map((r) => `'${r}'`).join(', ')})
         AND kube_object_search_text(o.name, o.hosts, o.body) LIKE $2
       -- At most 500 candidates, exact and prefix names first: a common part ("web") matches thousands.
       ORDER BY lower(o.name) = $3 DESC, lower(o.name) LIKE $4 DESC, o.name
       LIMIT 500),
     hits AS (
       SELECT 'object' AS type, o.id, o.kind, o."clusterId", o.namespace, o.name, m.matched, m.match,
         CASE WHEN lower(o.name) = $3 THEN 0 WHEN lower(o.name) LIKE $4 THEN 1 WHEN m.matched = 'name' THEN 2 ELSE 3 END AS rank
       FROM objects o CROSS JOIN LATERAL (
         SELECT 'name' AS matched, o.name AS match WHERE lower(o.name) LIKE $2
         UNION ALL (SELECT 'host', h FROM unnest(o.hosts) h WHERE lower(h) LIKE $2 LIMIT 1)
         UNION ALL (SELECT 'address', a FROM unnest(o.addresses) a WHERE lower(a) LIKE $2 LIMIT 1)
         LIMIT 1) m
       UNION ALL
       SELECT 'certificate', t.id, 'Certificate', t."clusterId", t.namespace, t."secretName", 'dns-name', d, 3
       FROM "TrackedCertificate" t CROSS JOIN LATERAL (SELECT d FROM unnest(t."dnsNames") d WHERE lower(d) LIKE $2 LIMIT 1) dn
       WHERE t."organizationId" = $1::uuid AND search_words(t."dnsNames") LIKE $2)
     SELECT h.type, h.id, h.kind, h."clusterId", c.name AS "clusterName", h.namespace, h.name, h.matched, h.match
     FROM hits h JOIN "Cluster" c ON c.id = h."clusterId"
     ORDER BY h.rank, h.kind, lower(h.name), h.namespace, c.name, h.id
     LIMIT $5`,
    [organizationId, `%${likeEscape(needle)}%`, needle, `${likeEscape(needle)}%`, limit + 1],
  );
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}
