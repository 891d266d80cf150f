import type { Tx } from '../client.js';

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

/**
 * Set-based upsert of many objects in one statement (Prisma has no bulk upsert): arrays are
 * sent as parameters and unnested server-side. `listGeneration` marks rows seen by the
 * current relist, so the sweep below can find what was deleted while we were not watching.
 */
export async function upsertKubeObjects(tx: Tx, scope: { organizationId: string; clusterId: string; listGeneration: number }, rows: KubeObjectRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof KubeObjectRow>(k: K) => rows.map((r) => r[k]);
  return tx.$executeRaw`
    INSERT INTO "KubeObject" ("id", "organizationId", "clusterId", "resource", "apiVersion", "kind", "namespace", "name", "uid",
      "resourceVersion", "labels", "body", "serviceType", "ingressClass", "hosts", "listGeneration", "syncedAt")
    SELECT gen_random_uuid(), ${scope.organizationId}::uuid, ${scope.clusterId}::uuid, t.resource, t.api_version, t.kind, t.namespace, t.name, t.uid,
      t.rv, t.labels::jsonb, t.body::jsonb, t.service_type, t.ingress_class,
      ARRAY(SELECT jsonb_array_elements_text(t.hosts::jsonb)), ${scope.listGeneration}, now()
    FROM unnest(${col('resource')}::text[], ${col('apiVersion')}::text[], ${col('kind')}::text[], ${col('namespace')}::text[], ${col('name')}::text[],
      ${col('uid')}::text[], ${col('resourceVersion')}::text[], ${rows.map((r) => JSON.stringify(r.labels ?? {}))}::text[],
      ${rows.map((r) => JSON.stringify(r.body))}::text[], ${col('serviceType')}::text[], ${col('ingressClass')}::text[],
      ${rows.map((r) => JSON.stringify(r.hosts))}::text[])
      AS t(resource, api_version, kind, namespace, name, uid, rv, labels, body, service_type, ingress_class, hosts)
    ON CONFLICT ("clusterId", "resource", "namespace", "name") DO UPDATE SET
      "apiVersion" = EXCLUDED."apiVersion", "kind" = EXCLUDED."kind", "uid" = EXCLUDED."uid",
      "resourceVersion" = EXCLUDED."resourceVersion", "labels" = EXCLUDED."labels", "body" = EXCLUDED."body",
      "serviceType" = EXCLUDED."serviceType", "ingressClass" = EXCLUDED."ingressClass", "hosts" = EXCLUDED."hosts",
      "listGeneration" = GREATEST("KubeObject"."listGeneration", EXCLUDED."listGeneration"), "syncedAt" = now()`;
}

export function deleteKubeObject(tx: Tx, clusterId: string, key: { resource: string; namespace: string; name: string }) {
  return tx.kubeObject.deleteMany({ where: { clusterId, ...key } });
}

/** After a complete relist: rows of this resource the relist did not see are gone from the cluster. */
export function sweepKubeObjects(tx: Tx, clusterId: string, resource: string, listGeneration: number) {
  return tx.kubeObject.deleteMany({ where: { clusterId, resource, listGeneration: { lt: listGeneration } } });
}

export async function maxListGeneration(tx: Tx, clusterId: string, resource: string): Promise<number> {
  const agg = await tx.kubeObject.aggregate({ where: { clusterId, resource }, _max: { listGeneration: true } });
  return agg._max.listGeneration ?? 0;
}
