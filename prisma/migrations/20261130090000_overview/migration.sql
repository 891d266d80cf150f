-- Issue 14: cross-cluster search from the header (docs/overview.md#search).
-- Trigram indexes answer `LIKE '%part%'` from an index; pg_trgm ships with PostgreSQL (contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The addresses an object is reached at: a Service's cluster IPs, external IPs, load balancer
-- IPs and hostnames and ExternalName, an Ingress's load balancer, a Gateway's addresses.
-- IMMUTABLE (it reads only its argument) so that an index may use it.
CREATE FUNCTION kube_object_addresses(body jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT a) FILTER (WHERE a IS NOT NULL AND a <> '' AND a <> 'None'), '{}')
  FROM (
    SELECT v #>> '{}' AS a
    FROM unnest(ARRAY[
      '$.spec.clusterIP', '$.spec.clusterIPs[*]', '$.spec.externalIPs[*]', '$.spec.loadBalancerIP', '$.spec.externalName',
      '$.status.loadBalancer.ingress[*].ip', '$.status.loadBalancer.ingress[*].hostname', '$.status.addresses[*].value'
    ]::jsonpath[]) AS p(path)
    CROSS JOIN LATERAL jsonb_path_query(body, p.path) AS v
    WHERE jsonb_typeof(v) = 'string'
  ) s
$$;

-- Words joined and lower-cased. array_to_string is only STABLE (an element type's output could
-- change); over text[] it is immutable, which an index expression needs.
CREATE FUNCTION search_words(words text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(array_to_string(words, ' ')) $$;

-- What the search matches against: name, served hosts, addresses.
CREATE FUNCTION kube_object_search_text(name text, hosts text[], body jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- Index builds run with a safe search_path (PostgreSQL 17+): keep the one this function was made in.
SET search_path FROM CURRENT
AS $$ SELECT search_words(ARRAY[name] || hosts || kube_object_addresses(body)) $$;

CREATE INDEX "KubeObject_search_trgm_idx" ON "KubeObject" USING gin (kube_object_search_text("name", "hosts", "body") gin_trgm_ops)
  WHERE "resource" IN ('services', 'ingresses', 'httproutes', 'gateways', 'deployments', 'statefulsets', 'daemonsets', 'namespaces', 'nodes');

CREATE INDEX "TrackedCertificate_dnsNames_trgm_idx" ON "TrackedCertificate" USING gin (search_words("dnsNames") gin_trgm_ops);
