import { CERTIFICATE_STATES, type TCertificateThresholds } from '@portico/contracts';
import { certificateRuleParams, certificateRuleValues, stateSql } from './certificate-level.js';
import type { Sql } from './pool.js';

// The overview (issue 14; docs/overview.md): counts and problems of an organization's synced
// copy, optionally one cluster, in set-based SQL. The organization id is always $1, the cluster
// (or NULL) $2. The jsonb paths mirror packages/kube/src/kinds/: ingress.ts (default backend and
// rule backends' `service.name`), httproute.ts (`httpRouteServices`: core group, kind Service,
// the route's namespace unless named), service.ts (selector, load balancer ingress),
// endpoint-slice.ts (ready unless false), workload.ts (pod template labels).

export interface OverviewScope {
  organizationId: string;
  clusterId?: string;
}

export interface OverviewCountsRow {
  clusters: number;
  notSyncing: number;
  servicesByType: Record<string, number>;
  resources: Record<string, number>;
  certificates: number;
  healthyCertificates: number;
  certificateStates: Record<string, number>;
}

export interface OverviewProblemRow {
  type: string;
  impact: number;
  clusterId: string;
  clusterName: string;
  kind: string;
  namespace: string;
  name: string;
  targetType: 'object' | 'certificate' | 'cluster';
  targetId: string;
  /** Facts the message is written from: the missing Service, ready/total endpoints, the state, the days left. */
  detail: Record<string, unknown>;
}

const CLUSTERS = `SELECT id, name, status, "statusReason", enabled FROM "Cluster" WHERE "organizationId" = $1::uuid AND ($2::uuid IS NULL OR id = $2::uuid)`;
/** A cluster whose sync failed: what the overview shows of it may be stale. Disabled ones are stopped on purpose. */
const NOT_SYNCING = `enabled AND status IN ('unreachable', 'error')`;
const SERVICE_TYPE = `CASE WHEN o."serviceType" = 'ClusterIP' AND o.body->'spec'->>'clusterIP' = 'None' THEN 'Headless' ELSE coalesce(o."serviceType", 'ClusterIP') END`;

/**
 * `now` and the thresholds the states read ($3–$6): the states (`stateSql`) never read
 * `overdueHours` (only the alert level does), and Postgres refuses a parameter it cannot place.
 */
const stateValues = (now: Date, t: TCertificateThresholds) => certificateRuleValues(now, t).slice(0, 4);

/** Counts: clusters, Services by type, Ingresses/HTTPRoutes/Gateways, certificates by state. One round trip. */
export async function overviewCounts(sql: Sql, scope: OverviewScope, now: Date, thresholds: TCertificateThresholds): Promise<OverviewCountsRow> {
  const p = certificateRuleParams(3);
  const states = CERTIFICATE_STATES.map((s) => `'${s}', count(*) FILTER (WHERE ${stateSql(s, 't', p)})`).join(', ');
  const { rows } = await sql.query<OverviewCountsRow>(
    `WITH cl AS (${CLUSTERS})
     SELECT (SELECT count(*)::int FROM cl) AS clusters,
       (SELECT count(*)::int FROM cl WHERE ${NOT_SYNCING}) AS "notSyncing",
       (SELECT coalesce(jsonb_object_agg(t, n), '{}') FROM (SELECT ${SERVICE_TYPE} AS t, count(*)::int AS n FROM "KubeObject" o JOIN cl ON cl.id = o."clusterId"
          WHERE o."organizationId" = $1::uuid AND o.resource = 'services' GROUP BY 1) s) AS "servicesByType",
       (SELECT coalesce(jsonb_object_agg(resource, n), '{}') FROM (SELECT o.resource, count(*)::int AS n FROM "KubeObject" o JOIN cl ON cl.id = o."clusterId"
          WHERE o."organizationId" = $1::uuid AND o.resource IN ('ingresses', 'httproutes', 'gateways') GROUP BY 1) r) AS resources,
       c.total AS certificates, c.healthy AS "healthyCertificates", c.states AS "certificateStates"
     FROM (SELECT count(*)::int AS total,
             count(*) FILTER (WHERE NOT (${CERTIFICATE_STATES.map((s) => stateSql(s, 't', p)).join(' OR ')}))::int AS healthy,
             jsonb_build_object(${states}) AS states
           FROM "TrackedCertificate" t JOIN cl ON cl.id = t."clusterId" WHERE t."organizationId" = $1::uuid) c`,
    [scope.organizationId, scope.clusterId ?? null, ...stateValues(now, thresholds)],
  );
  return rows[0];
}

/**
 * The Services Ingresses and HTTPRoutes send traffic to, one row per (route, Service). An
 * HTTPRoute's backend in another namespace counts there (whether a ReferenceGrant allows it is
 * the controller's business).
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
 */
const ROUTED = `
  SELECT DISTINCT o.id AS "routeId", o.kind AS "routeKind", o."clusterId", o.namespace AS "routeNamespace", o.name AS "routeName", b.namespace, b.name
  FROM "KubeObject" o JOIN cl ON cl.id = o."clusterId"
  CROSS JOIN LATERAL (
    SELECT o.namespace AS namespace, v #>> '{}' AS name FROM jsonb_path_query(o.body, '$.spec.defaultBackend.service.name') v
      WHERE o.resource = 'ingresses'
    UNION ALL SELECT o.namespace, v #>> '{}' FROM jsonb_path_query(o.body, '$.spec.rules[*].http.paths[*].backend.service.name') v
      WHERE o.resource = 'ingresses'
    UNION ALL SELECT coalesce(v->>'namespace', o.namespace), v->>'name'
      FROM jsonb_path_query(o.body, '$.spec.rules[*].backendRefs[*] ? ((!(exists(@.group)) || @.group == "") && (!(exists(@.kind)) || @.kind == "Service"))') v
      WHERE o.resource = 'httproutes' AND jsonb_typeof(v) = 'object'
  ) b
  WHERE o."organizationId" = $1::uuid AND o.resource IN ('ingresses', 'httproutes') AND b.name IS NOT NULL AND b.name <> ''`;

/**
 * Services with a selector, their ready/total endpoints (EndpointSlices labelled with their
 * name, as inventory's `SERVICE_COLUMNS`), whether a workload's pod template carries the whole
 * selector, and whether a route sends traffic to them. Selectorless Services are left out: their
 * endpoints are managed by hand (and the apiserver's own `default/kubernetes` is one).
 */
const SERVICES = `
  SELECT o.id, o."clusterId", cl.name AS "clusterName", o.namespace, o.name, o."serviceType", o.body,
    (SELECT count(*) FILTER (WHERE coalesce((e.value->'conditions'->>'ready')::boolean, true))
       FROM "KubeObject" s CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.body->'endpoints') = 'array' THEN s.body->'endpoints' ELSE '[]' END) AS e(value)
       WHERE s.resource = 'endpointslices' AND s."clusterId" = o."clusterId" AND s.namespace = o.namespace AND s.labels->>'kubernetes.io/service-name' = o.name)::int AS ready,
    (SELECT count(*) FROM "KubeObject" s CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.body->'endpoints') = 'array' THEN s.body->'endpoints' ELSE '[]' END) AS e(value)
       WHERE s.resource = 'endpointslices' AND s."clusterId" = o."clusterId" AND s.namespace = o.namespace AND s.labels->>'kubernetes.io/service-name' = o.name)::int AS total,
    EXISTS (SELECT 1 FROM "KubeObject" w
       WHERE w."clusterId" = o."clusterId" AND w.resource IN ('deployments', 'statefulsets', 'daemonsets') AND w.namespace = o.namespace
         AND w.body->'spec'->'template'->'metadata'->'labels' @> (o.body->'spec'->'selector')) AS "selectsWorkload",
    rb."routedBy"
  FROM "KubeObject" o JOIN cl ON cl.id = o."clusterId"
  -- A hash join, not a lookup per Service: the correlated form cost 0.4 ms a Service (820 ms at 2,000).
  LEFT JOIN (SELECT "clusterId", namespace, name, min("routeKind" || ' ' || "routeNamespace" || '/' || "routeName") AS "routedBy" FROM routed GROUP BY 1, 2, 3) rb
    ON rb."clusterId" = o."clusterId" AND rb.namespace = o.namespace AND rb.name = o.name
  WHERE o."organizationId" = $1::uuid AND o.resource = 'services' AND o."serviceType" IS DISTINCT FROM 'ExternalName'
    AND jsonb_typeof(o.body->'spec'->'selector') = 'object' AND o.body->'spec'->'selector' <> '{}'::jsonb`;

/**
 * Every problem, most impact first (the ranking and why: docs/overview.md#ranking), at most
 * `limit`, and how many there are. Certificates: one row each, for their worst state.
 */
export async function overviewProblems(sql: Sql, scope: OverviewScope, now: Date, thresholds: TCertificateThresholds, limit: number): Promise<{ rows: OverviewProblemRow[]; total: number }> {
  const p = certificateRuleParams(3);
  const served = `cardinality(t.hosts) > 0`;
  const { rows } = await sql.query<OverviewProblemRow & { total: number }>(
    `WITH cl AS (${CLUSTERS}), routed AS MATERIALIZED (${ROUTED}), svc AS MATERIALIZED (${SERVICES}),
     problems AS (
       SELECT 'cluster-not-syncing' AS type, 80 AS impact, cl.id AS "clusterId", cl.name AS "clusterName", 'Cluster' AS kind, '' AS namespace, cl.name,
         'cluster' AS "targetType", cl.id AS "targetId", jsonb_build_object('status', cl.status, 'reason', cl."statusReason") AS detail
       FROM cl WHERE ${NOT_SYNCING}
       UNION ALL
       SELECT 'backend-missing', 90, r."clusterId", c.name, r."routeKind", r."routeNamespace", r."routeName", 'object', r."routeId",
         jsonb_build_object('service', r.name, 'serviceNamespace', r.namespace)
       FROM routed r JOIN cl c ON c.id = r."clusterId"
       WHERE NOT EXISTS (SELECT 1 FROM "KubeObject" s WHERE s."clusterId" = r."clusterId" AND s.resource = 'services' AND s.namespace = r.namespace AND s.name = r.name)
       UNION ALL
       SELECT CASE WHEN s.total = 0 AND NOT s."selectsWorkload" THEN 'service-selects-nothing' ELSE 'service-no-ready-endpoints' END,
         CASE WHEN s."routedBy" IS NOT NULL THEN 85 WHEN s.total = 0 AND NOT s."selectsWorkload" THEN 35 ELSE 40 END,
         s."clusterId", s."clusterName", 'Service', s.namespace, s.name, 'object', s.id,
         jsonb_build_object('ready', s.ready, 'total', s.total, 'routedBy', s."routedBy")
       FROM svc s WHERE s.ready = 0
       UNION ALL
       SELECT 'load-balancer-pending', 60, s."clusterId", s."clusterName", 'Service', s.namespace, s.name, 'object', s.id, '{}'::jsonb
       FROM (SELECT o.id, o."clusterId", cl.name AS "clusterName", o.namespace, o.name FROM "KubeObject" o JOIN cl ON cl.id = o."clusterId"
             WHERE o."organizationId" = $1::uuid AND o.resource = 'services' AND o."serviceType" = 'LoadBalancer'
               AND NOT jsonb_path_exists(o.body, '$.status.loadBalancer.ingress[*] ? (@.ip != "" || @.hostname != "")')) s
       UNION ALL
       SELECT x.type, x.impact, t."clusterId", cl.name, 'Certificate', t.namespace, t."secretName", 'certificate', t.id,
         jsonb_build_object('hosts', to_jsonb(t.hosts[1:3]), 'uncoveredHosts', to_jsonb(t."uncoveredHosts"[1:3]), 'notAfter', t."notAfter")
       FROM "TrackedCertificate" t JOIN cl ON cl.id = t."clusterId"
       CROSS JOIN LATERAL (
         SELECT * FROM (VALUES
           ('certificate-expired', CASE WHEN ${served} THEN 100 ELSE 55 END, ${stateSql('expired', 't', p)}),
           ('certificate-secret-missing', 95, ${served} AND ${stateSql('secret-missing', 't', p)}),
           ('certificate-hosts-not-covered', 92, ${stateSql('hosts-not-covered', 't', p)}),
           ('certificate-expiring', CASE WHEN ${served} THEN 70 ELSE 50 END, ${stateSql('expiring', 't', p)})
         ) v(type, impact, hit) WHERE v.hit ORDER BY v.impact DESC LIMIT 1) x
       WHERE t."organizationId" = $1::uuid
     )
     SELECT problems.*, count(*) OVER ()::int AS total FROM problems
     ORDER BY impact DESC, "clusterName", namespace, name, type LIMIT $7`,
    [scope.organizationId, scope.clusterId ?? null, ...stateValues(now, thresholds), limit],
  );
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}
