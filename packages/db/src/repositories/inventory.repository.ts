import { Prisma, type Tx } from '../client.js';

export interface LabelRequirement {
  key: string;
  op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';
  values: string[];
}

export interface InventoryFilter {
  organizationId: string;
  resource: string;
  clusterId?: string;
  namespace?: string;
  serviceType?: string;
  className?: string;
  host?: string;
  labels?: LabelRequirement[];
  q?: string;
  sort: 'name' | '-name' | 'namespace' | '-namespace' | 'cluster' | '-cluster' | 'age' | '-age';
  limit: number;
  cursor?: string;
}

export interface InventoryRow {
  id: string;
  clusterId: string;
  clusterName: string;
  resource: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  body: Record<string, unknown>;
  hosts: string[];
  serviceType: string | null;
  ingressClass: string | null;
  createdAt: string | null;
  k1: string;
  k2: string;
  k3: string;
}

const created = Prisma.sql`coalesce(o.body->'metadata'->>'creationTimestamp', '')`;
/** Three sort keys per order, then the id: a total order, so keyset pages never skip or repeat. */
const SORT_KEYS: Record<string, [Prisma.Sql, Prisma.Sql, Prisma.Sql]> = {
  name: [Prisma.sql`o.name`, Prisma.sql`o.namespace`, Prisma.sql`c.name`],
  namespace: [Prisma.sql`o.namespace`, Prisma.sql`o.name`, Prisma.sql`c.name`],
  cluster: [Prisma.sql`c.name`, Prisma.sql`o.namespace`, Prisma.sql`o.name`],
  age: [created, Prisma.sql`o.name`, Prisma.sql`o.namespace`],
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function labelCondition(r: LabelRequirement): Prisma.Sql {
  const value = Prisma.sql`(o.labels->>${r.key})`;
  switch (r.op) {
    case 'eq':
      return Prisma.sql`${value} = ${r.values[0] ?? ''}`;
    case 'neq':
      return Prisma.sql`${value} IS DISTINCT FROM ${r.values[0] ?? ''}`;
    case 'in':
      return Prisma.sql`${value} = ANY(${r.values}::text[])`;
    case 'notin':
      return Prisma.sql`(${value} IS NULL OR NOT (${value} = ANY(${r.values}::text[])))`;
    case 'exists':
      return Prisma.sql`jsonb_exists(o.labels, ${r.key})`;
    case 'notexists':
      return Prisma.sql`NOT jsonb_exists(o.labels, ${r.key})`;
  }
}

function hostCondition(host: string): Prisma.Sql {
  const h = host.toLowerCase();
  if (h.startsWith('*.')) return Prisma.sql`EXISTS (SELECT 1 FROM unnest(o.hosts) x WHERE lower(x) LIKE ${`%${likeEscape(h.slice(1))}`})`;
  // A request for foo.example.com also finds objects serving *.example.com.
  const wildcard = h.includes('.') ? `*.${h.slice(h.indexOf('.') + 1)}` : h;
  return Prisma.sql`EXISTS (SELECT 1 FROM unnest(o.hosts) x WHERE lower(x) = ${h} OR lower(x) = ${wildcard})`;
}

function encodeCursor(row: InventoryRow): string {
  return Buffer.from(JSON.stringify([row.k1, row.k2, row.k3, row.id])).toString('base64url');
}
function decodeCursor(cursor: string | undefined): [string, string, string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === 'string') && /^[0-9a-f-]{36}$/.test(v[3])) return v as [string, string, string, string];
  } catch {
    // an unreadable cursor starts from the beginning
  }
  return null;
}

/**
 * One filtered, sorted page of synced objects of one kind, across the organization's
 * clusters. Every filter is a bound parameter; the organization id is always the first one.
 */
export async function listInventory(tx: Tx, f: InventoryFilter): Promise<{ items: InventoryRow[]; nextCursor: string | null }> {
  const desc = f.sort.startsWith('-');
  const [k1, k2, k3] = SORT_KEYS[f.sort.replace('-', '')]!;
  const where: Prisma.Sql[] = [Prisma.sql`o."organizationId" = ${f.organizationId}::uuid`, Prisma.sql`o.resource = ${f.resource}`];
  if (f.clusterId) where.push(Prisma.sql`o."clusterId" = ${f.clusterId}::uuid`);
  if (f.namespace) where.push(Prisma.sql`o.namespace = ${f.namespace}`);
  if (f.serviceType === 'Headless') where.push(Prisma.sql`o."serviceType" = 'ClusterIP' AND o.body->'spec'->>'clusterIP' = 'None'`);
  else if (f.serviceType === 'ClusterIP') where.push(Prisma.sql`o."serviceType" = 'ClusterIP' AND o.body->'spec'->>'clusterIP' IS DISTINCT FROM 'None'`);
  else if (f.serviceType) where.push(Prisma.sql`o."serviceType" = ${f.serviceType}`);
  if (f.className) where.push(Prisma.sql`o."ingressClass" = ${f.className}`);
  if (f.host) where.push(hostCondition(f.host));
  for (const r of f.labels ?? []) where.push(labelCondition(r));
  if (f.q) {
    const like = `%${likeEscape(f.q.toLowerCase())}%`;
    where.push(Prisma.sql`(lower(o.name) LIKE ${like} OR EXISTS (SELECT 1 FROM unnest(o.hosts) x WHERE lower(x) LIKE ${like}))`);
  }
  const after = decodeCursor(f.cursor);
  if (after) {
    where.push(
      desc
        ? Prisma.sql`(${k1}, ${k2}, ${k3}, o.id) < (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}::uuid)`
        : Prisma.sql`(${k1}, ${k2}, ${k3}, o.id) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}::uuid)`,
    );
  }
  const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await tx.$queryRaw<InventoryRow[]>`
    SELECT o.id, o."clusterId", c.name AS "clusterName", o.resource, o.kind, o.namespace, o.name, o.labels, o.body, o.hosts,
           o."serviceType", o."ingressClass", o.body->'metadata'->>'creationTimestamp' AS "createdAt",
           ${k1} AS k1, ${k2} AS k2, ${k3} AS k3
    FROM "KubeObject" o JOIN "Cluster" c ON c.id = o."clusterId"
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${k1} ${dir}, ${k2} ${dir}, ${k3} ${dir}, o.id ${dir}
    LIMIT ${f.limit + 1}`;
  const items = rows.slice(0, f.limit);
  return { items, nextCursor: rows.length > f.limit ? encodeCursor(items[items.length - 1]!) : null };
}

/** One synced object of the organization, with its cluster's name. */
export async function findInventoryObject(tx: Tx, organizationId: string, id: string): Promise<InventoryRow | null> {
  const rows = await tx.$queryRaw<InventoryRow[]>`
    SELECT o.id, o."clusterId", c.name AS "clusterName", o.resource, o.kind, o.namespace, o.name, o.labels, o.body, o.hosts,
           o."serviceType", o."ingressClass", o.body->'metadata'->>'creationTimestamp' AS "createdAt", '' AS k1, '' AS k2, '' AS k3
    FROM "KubeObject" o JOIN "Cluster" c ON c.id = o."clusterId"
    WHERE o."organizationId" = ${organizationId}::uuid AND o.id = ${id}::uuid`;
  return rows[0] ?? null;
}

/** Objects of some kinds in the given (cluster, namespace) pairs: the neighbours a page needs. */
export async function findObjectsInNamespaces(
  tx: Tx,
  organizationId: string,
  resources: string[],
  places: { clusterId: string; namespace: string }[],
): Promise<{ id: string; clusterId: string; resource: string; kind: string; namespace: string; name: string; labels: Record<string, string>; body: Record<string, unknown> }[]> {
  if (!places.length) return [];
  return tx.$queryRaw`
    SELECT o.id, o."clusterId", o.resource, o.kind, o.namespace, o.name, o.labels, o.body
    FROM "KubeObject" o
    JOIN unnest(${places.map((p) => p.clusterId)}::uuid[], ${places.map((p) => p.namespace)}::text[]) AS p(cluster_id, ns)
      ON o."clusterId" = p.cluster_id AND o.namespace = p.ns
    WHERE o."organizationId" = ${organizationId}::uuid AND o.resource = ANY(${resources}::text[])`;
}

/**
 * Ready/total endpoints per Service, counted in SQL from the EndpointSlices labelled with the
 * Service's name, so a page of Services never loads slice bodies into the API.
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/#ownership
 */
export async function countServiceEndpoints(
  tx: Tx,
  organizationId: string,
  services: { clusterId: string; namespace: string; name: string }[],
): Promise<{ clusterId: string; namespace: string; service: string; ready: number; total: number }[]> {
  if (!services.length) return [];
  return tx.$queryRaw`
    SELECT o."clusterId", o.namespace, o.labels->>'kubernetes.io/service-name' AS service,
           count(e.value)::int AS total,
           (count(e.value) FILTER (WHERE coalesce((e.value->'conditions'->>'ready')::boolean, true)))::int AS ready
    FROM "KubeObject" o
    JOIN unnest(${services.map((s) => s.clusterId)}::uuid[], ${services.map((s) => s.namespace)}::text[], ${services.map((s) => s.name)}::text[]) AS p(cluster_id, ns, svc)
      ON o."clusterId" = p.cluster_id AND o.namespace = p.ns AND o.labels->>'kubernetes.io/service-name' = p.svc
    LEFT JOIN LATERAL jsonb_array_elements(coalesce(o.body->'endpoints', '[]'::jsonb)) AS e(value) ON true
    WHERE o."organizationId" = ${organizationId}::uuid AND o.resource = 'endpointslices'
    GROUP BY 1, 2, 3`;
}

/** Pod-template labels of the workloads in the given places (to tell whether a selector matches anything). */
export async function workloadTemplateLabels(
  tx: Tx,
  organizationId: string,
  places: { clusterId: string; namespace: string }[],
): Promise<{ id: string; clusterId: string; kind: string; namespace: string; name: string; templateLabels: Record<string, string> | null }[]> {
  if (!places.length) return [];
  return tx.$queryRaw`
    SELECT o.id, o."clusterId", o.kind, o.namespace, o.name, o.body->'spec'->'template'->'metadata'->'labels' AS "templateLabels"
    FROM "KubeObject" o
    JOIN unnest(${places.map((p) => p.clusterId)}::uuid[], ${places.map((p) => p.namespace)}::text[]) AS p(cluster_id, ns)
      ON o."clusterId" = p.cluster_id AND o.namespace = p.ns
    WHERE o."organizationId" = ${organizationId}::uuid AND o.resource IN ('deployments', 'statefulsets', 'daemonsets')`;
}
