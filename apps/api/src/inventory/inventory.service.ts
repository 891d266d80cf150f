import { Injectable } from '@nestjs/common';
import { type TInventoryItem, type TInventoryKind, type TInventoryObject, type TInventoryPage, type TInventoryQuery, type TWorkloadKind, WORKLOAD_KINDS, parseLabelSelector } from '@portico/contracts';
import { type InventoryRow, type Sql, findInventoryObject, findObjects, findServicesSelecting, listInventory } from '@portico/db';
import { podLabels, servicePorts, storedCertificateFacts } from '@portico/kube';
import { stringify } from 'yaml';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../common/request-context.js';
import { InjectSql } from '../database/database.module.js';
import { type SecretIndex, type ServiceIndex, ingressNeighbours, toIngressSummary } from './ingress.mapper.js';
import { placeKey } from './inventory-row.js';
import { toGenericSummary, toTlsSecretSummary } from './other-kinds.mapper.js';
import { relatedOf } from './related.js';
import { toServiceSummary } from './service.mapper.js';
import { toWorkloadSummary } from './workload.mapper.js';

/** The stored resource behind each inventory kind (`tls-secrets` are the synced TLS Secrets). */
const RESOURCE_OF: Record<TInventoryKind, string> = {
  services: 'services',
  ingresses: 'ingresses',
  gatewayclasses: 'gatewayclasses',
  gateways: 'gateways',
  httproutes: 'httproutes',
  referencegrants: 'referencegrants',
  networkpolicies: 'networkpolicies',
  'tls-secrets': 'secrets',
};

/**
 * The resources with object pages: the lists' kinds, the workloads that Services select, the
 * classes and cert-manager objects that relations lead to. Endpoint slices, namespaces and nodes
 * are read only through the others.
 */
const PAGE_RESOURCES = new Set([...Object.values(RESOURCE_OF), 'deployments', 'statefulsets', 'daemonsets', 'ingressclasses', 'certificates', 'issuers', 'clusterissuers']);

const isWorkload = (row: InventoryRow): row is InventoryRow & { kind: TWorkloadKind } => (WORKLOAD_KINDS as readonly string[]).includes(row.kind);

@Injectable()
export class InventoryService {
  constructor(@InjectSql() private readonly sql: Sql) {}

  async list(caller: Principal, kind: TInventoryKind, q: TInventoryQuery): Promise<TInventoryPage> {
    const page = await listInventory(this.sql, {
      organizationId: caller.organizationId,
      resource: RESOURCE_OF[kind],
      clusterId: q.cluster,
      namespace: q.namespace,
      serviceType: q.type,
      className: q.class,
      host: q.host,
      labels: q.label ? parseLabelSelector(q.label) : undefined,
      q: q.q,
      sort: q.sort,
      limit: q.limit,
      cursor: q.cursor,
    });
    return { items: await this.summarize(caller, page.items), nextCursor: page.nextCursor };
  }

  async get(caller: Principal, id: string): Promise<TInventoryObject> {
    const row = await findInventoryObject(this.sql, caller.organizationId, id);
    if (!row || !PAGE_RESOURCES.has(row.resource)) throw new AppError('not_found', 'No such object in your clusters.');
    const item = isWorkload(row) ? await this.workload(caller, row) : (await this.summarize(caller, [row]))[0];
    // kubectl's order: apiVersion, kind, metadata first (list items arrive without the first two).
    const { apiVersion, kind, metadata, ...rest } = row.body;
    const yaml = stringify({ apiVersion, kind, metadata, ...rest }, { lineWidth: 0 });
    return { item, yaml, related: await relatedOf(this.sql, caller.organizationId, row) };
  }

  private async workload(caller: Principal, row: InventoryRow & { kind: TWorkloadKind }) {
    const services = await findServicesSelecting(this.sql, caller.organizationId, { clusterId: row.clusterId, namespace: row.namespace }, podLabels(row.body));
    return toWorkloadSummary(row, services);
  }

  /** Per-kind summaries; an Ingress page loads its backend Services and TLS Secrets in one query. */
  private async summarize(caller: Principal, rows: InventoryRow[]): Promise<TInventoryItem[]> {
    if (!rows.length) return [];
    const resource = rows[0].resource;
    if (resource === 'services') return rows.map(toServiceSummary);
    if (resource === 'ingresses') {
      const { services, secrets } = await this.ingressNeighbours(caller, rows);
      return rows.map((r) => toIngressSummary(r, services, secrets));
    }
    if (resource === 'secrets') return rows.map((r) => toTlsSecretSummary(r));
    return rows.map(toGenericSummary);
  }

  private async ingressNeighbours(caller: Principal, ingresses: InventoryRow[]): Promise<{ services: ServiceIndex; secrets: SecretIndex }> {
    const refs = ingresses.flatMap((r) => ingressNeighbours(r).map((n) => ({ clusterId: r.clusterId, namespace: r.namespace, ...n })));
    const found = await findObjects(this.sql, caller.organizationId, refs);
    const services: ServiceIndex = new Map();
    const secrets: SecretIndex = new Map();
    for (const o of found) {
      const key = placeKey(o.clusterId, o.namespace, o.name);
      if (o.resource === 'services') services.set(key, { id: o.id, ports: servicePorts(o.body) });
      else secrets.set(key, { id: o.id, notAfter: storedCertificateFacts(o.body).notAfter });
    }
    return { services, secrets };
  }
}
