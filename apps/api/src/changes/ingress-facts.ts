import type { TIngressRequest } from '@portico/contracts';
import { type SqlPool, findClusterObjects, findNamespaceObjects, findObjects, findObjectsMentioning, findObjectsServingHosts } from '@portico/db';
import type { IngressFacts } from '@portico/kube';

/**
 * What the Ingress editor's preview warnings need from Portico's synced copy of the cluster
 * (packages/kube/src/changes/ingress-warnings.ts decides): other routes of the same hosts, the
 * namespace's Services, the classes and who serves them, the chosen TLS Secrets and issuer.
 */
export async function loadIngressFacts(sql: SqlPool, organizationId: string, clusterId: string, request: TIngressRequest): Promise<IngressFacts> {
  const hosts = [...new Set([...request.rules.map((r) => r.host), ...(request.tls ?? []).flatMap((t) => t.hosts ?? [])].filter((h): h is string => !!h))];
  const className = request.ingressClassName ?? request.annotations?.['kubernetes.io/ingress.class'];
  const secretNames = request.issuer ? [] : [...new Set((request.tls ?? []).map((t) => t.secretName).filter((s): s is string => !!s))];
  const issuer = request.issuer;
  const [sameHosts, services, ingressClasses, classIngresses, deployments, daemonsets, tlsSecrets, issuers] = await Promise.all([
    findObjectsServingHosts(sql, organizationId, { clusterId, hosts }),
    findNamespaceObjects(sql, organizationId, { clusterId, resource: 'services', namespace: request.namespace }),
    findClusterObjects(sql, organizationId, clusterId, 'ingressclasses'),
    className ? findObjectsMentioning(sql, organizationId, { clusterId, resources: ['ingresses'], value: className }) : Promise.resolve([]),
    findClusterObjects(sql, organizationId, clusterId, 'deployments'),
    findClusterObjects(sql, organizationId, clusterId, 'daemonsets'),
    findObjects(
      sql,
      organizationId,
      secretNames.map((name) => ({ clusterId, resource: 'secrets', namespace: request.namespace, name })),
    ),
    issuer
      ? findObjects(sql, organizationId, [
          { clusterId, resource: issuer.kind === 'Issuer' ? 'issuers' : 'clusterissuers', namespace: issuer.kind === 'Issuer' ? request.namespace : '', name: issuer.name },
        ])
      : Promise.resolve([]),
  ]);
  return { sameHosts, services, ingressClasses, classIngresses, workloads: [...deployments, ...daemonsets], tlsSecrets, issuer: issuers[0] ?? null, now: new Date() };
}
