import { Injectable } from '@nestjs/common';
import { type TInventoryItem, type TInventoryKind, type TInventoryObject, type TInventoryPage, type TInventoryQuery, parseLabelSelector } from '@portico/contracts';
import { type InventoryRow, type Sql, findInventoryObject, findObjects, findWorkloadsSelectedBy, listInventory } from '@portico/db';
import { servicePorts, serviceSelector } from '@portico/kube';
import { stringify } from 'yaml';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../common/request-context.js';
import { InjectSql } from '../database/database.module.js';
import { type ServiceIndex, ingressBackends, toIngressSummary } from './ingress.mapper.js';
import { referencesOf } from './references.js';
import { placeKey } from './inventory-row.js';
import { toCertificateSummary, toGenericSummary } from './other-kinds.mapper.js';
import { toServiceSummary } from './service.mapper.js';

/** The stored resource behind each inventory kind (certificates come from TLS Secrets). */
const RESOURCE_OF: Record<TInventoryKind, string> = {
  services: 'services',
  ingresses: 'ingresses',
  gatewayclasses: 'gatewayclasses',
  gateways: 'gateways',
  httproutes: 'httproutes',
  networkpolicies: 'networkpolicies',
  certificates: 'secrets',
};

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
    if (!row || !Object.values(RESOURCE_OF).includes(row.resource)) throw new AppError('not_found', 'No such object in your clusters.');
    const [item] = await this.summarize(caller, [row]);
    // kubectl's order: apiVersion, kind, metadata first (list items arrive without the first two).
    const { apiVersion, kind, metadata, ...rest } = row.body;
    const yaml = stringify({ apiVersion, kind, metadata, ...rest }, { lineWidth: 0 });
    return { item: item, yaml, related: await this.related(caller, row) };
  }

  /** Per-kind summaries; an Ingress page loads its backend Services in one query. */
  private async summarize(caller: Principal, rows: InventoryRow[]): Promise<TInventoryItem[]> {
    if (!rows.length) return [];
    const resource = rows[0].resource;
    if (resource === 'services') return rows.map(toServiceSummary);
    if (resource === 'ingresses') {
      const index = await this.backendServices(caller, rows);
      return rows.map((r) => toIngressSummary(r, index));
    }
    if (resource === 'secrets') return rows.map((r) => toCertificateSummary(r));
    return rows.map(toGenericSummary);
  }

  private async backendServices(caller: Principal, ingresses: InventoryRow[]): Promise<ServiceIndex> {
    const refs = ingresses.flatMap((r) => ingressBackends(r).map((name) => ({ clusterId: r.clusterId, resource: 'services', namespace: r.namespace, name })));
    const services = await findObjects(this.sql, caller.organizationId, refs);
    return new Map(services.map((s) => [placeKey(s.clusterId, s.namespace, s.name), { id: s.id, ports: servicePorts({ spec: s.spec }) }]));
  }

  /**
   * Links for the detail page: Ingress → its Services; Service → the workloads it selects;
   * HTTPRoute → its parent Gateways and backend Services; Gateway → its GatewayClass. A
   * reference to something the cluster does not have comes back with `id: null`.
   */
  private async related(caller: Principal, row: InventoryRow): Promise<TInventoryObject['related']> {
    if (row.resource === 'services') {
      const selector = serviceSelector(row.body);
      if (!selector) return [];
      return findWorkloadsSelectedBy(this.sql, caller.organizationId, { clusterId: row.clusterId, namespace: row.namespace }, selector);
    }
    const refs = referencesOf(row);
    const found = await findObjects(
      this.sql,
      caller.organizationId,
      refs.map((r) => ({ clusterId: row.clusterId, ...r })),
    );
    const ids = new Map(found.map((o) => [`${o.resource}/${o.namespace}/${o.name}`, o.id]));
    return refs.map((r) => ({ id: ids.get(`${r.resource}/${r.namespace}/${r.name}`) ?? null, kind: r.kind, namespace: r.namespace, name: r.name }));
  }
}
