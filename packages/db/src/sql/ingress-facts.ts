import type { NeighbourRow } from './inventory.js';
import type { Sql } from './pool.js';

// Reads for the Ingress editor (issue 10): its preview's warnings and its form's pickers, from
// the synced copy. The organization id is always the first bound parameter.

const COLUMNS = `o.id, o."clusterId", o.resource, o.kind, o.namespace, o.name, o.body`;
/** The pickers list, the warnings compare: neither needs more than this many of one kind. */
const MAX_ROWS = 500;

/** Ingresses and HTTPRoutes of a cluster that serve any of `hosts` (the `hosts` column the sync fills from each kind's reader). */
export async function findObjectsServingHosts(sql: Sql, organizationId: string, q: { clusterId: string; hosts: readonly string[] }): Promise<NeighbourRow[]> {
  if (!q.hosts.length) return [];
  const result = await sql.query<NeighbourRow>(
    `SELECT ${COLUMNS} FROM "KubeObject" o
     WHERE o."organizationId" = $1::uuid AND o."clusterId" = $2::uuid AND o.resource IN ('ingresses', 'httproutes') AND o.hosts && $3::text[]
     ORDER BY o.kind, o.namespace, o.name LIMIT ${MAX_ROWS}`,
    [organizationId, q.clusterId, q.hosts],
  );
  return result.rows;
}

/** Every object of one resource in one namespace of a cluster (the namespace's Services, its TLS Secrets, its Issuers). */
export async function findNamespaceObjects(sql: Sql, organizationId: string, q: { clusterId: string; resource: string; namespace: string }): Promise<NeighbourRow[]> {
  const result = await sql.query<NeighbourRow>(
    `SELECT ${COLUMNS} FROM "KubeObject" o
     WHERE o."organizationId" = $1::uuid AND o."clusterId" = $2::uuid AND o.resource = $3 AND o.namespace = $4
     ORDER BY o.name LIMIT ${MAX_ROWS}`,
    [organizationId, q.clusterId, q.resource, q.namespace],
  );
  return result.rows;
}

/** The host view: Ingresses, HTTPRoutes and Gateways of every cluster of the organization that list one of `names` (a host and the wildcard covering it). */
export async function findObjectsListingHosts(sql: Sql, organizationId: string, names: readonly string[]): Promise<(NeighbourRow & { clusterName: string })[]> {
  const result = await sql.query<NeighbourRow & { clusterName: string }>(
    `SELECT ${COLUMNS}, c.name AS "clusterName" FROM "KubeObject" o JOIN "Cluster" c ON c.id = o."clusterId"
     WHERE o."organizationId" = $1::uuid AND o.resource IN ('ingresses', 'httproutes', 'gateways') AND o.hosts && $2::text[]
     ORDER BY c.name, o.kind, o.namespace, o.name LIMIT ${MAX_ROWS}`,
    [organizationId, names],
  );
  return result.rows;
}
