import { Injectable } from '@nestjs/common';
import { type TInventoryItem, type TInventoryKind, type TInventoryObject, type TInventoryPage, type TInventoryQuery, parseLabelSelector } from '@portico/contracts';
import { type Db, type InventoryRow, countServiceEndpoints, findInventoryObject, findObjectsInNamespaces, listInventory, workloadTemplateLabels } from '@portico/db';
import { stringify } from 'yaml';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';
import { type ServiceIndex, ingressBackends, toIngressSummary } from './ingress.mapper.js';
import { bodyOf, placeKey } from './inventory-row.js';
import { toCertificateSummary, toGenericSummary } from './other-kinds.mapper.js';
import { type ServiceContext, selectorMatches, toServiceSummary } from './service.mapper.js';

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

const uniquePlaces = (rows: { clusterId: string; namespace: string }[]) => [...new Map(rows.map((r) => [placeKey(r.clusterId, r.namespace), { clusterId: r.clusterId, namespace: r.namespace }])).values()];

@Injectable()
export class InventoryService {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(caller: Principal, kind: TInventoryKind, q: TInventoryQuery): Promise<TInventoryPage> {
    const page = await listInventory(this.db, {
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
    const row = await findInventoryObject(this.db, caller.organizationId, id);
    if (!row || !Object.values(RESOURCE_OF).includes(row.resource)) throw new AppError('not_found', 'No such object in your clusters.');
    const [item] = await this.summarize(caller, [row]);
    // kubectl's order: apiVersion, kind, metadata first (list items arrive without the first two).
    const { apiVersion, kind, metadata, ...rest } = row.body;
    const yaml = stringify({ apiVersion, kind, metadata, ...rest }, { lineWidth: 0 });
    return { item: item!, yaml, related: await this.related(caller, row) };
  }

  /** Per-kind summaries; neighbours (endpoints, workloads, backend services) load in one query per page. */
  private async summarize(caller: Principal, rows: InventoryRow[]): Promise<TInventoryItem[]> {
    if (!rows.length) return [];
    const resource = rows[0]!.resource;
    if (resource === 'services') {
      const ctx = await this.serviceContext(caller, rows);
      return rows.map((r) => toServiceSummary(r, ctx));
    }
    if (resource === 'ingresses') {
      const index = await this.serviceIndex(caller, rows);
      return rows.map((r) => toIngressSummary(r, index));
    }
    if (resource === 'secrets') return rows.map((r) => toCertificateSummary(r));
    return rows.map(toGenericSummary);
  }

  private async serviceContext(caller: Principal, rows: InventoryRow[]): Promise<ServiceContext> {
    const [counts, workloads] = await Promise.all([
      countServiceEndpoints(this.db, caller.organizationId, rows.map((r) => ({ clusterId: r.clusterId, namespace: r.namespace, name: r.name }))),
      workloadTemplateLabels(this.db, caller.organizationId, uniquePlaces(rows)),
    ]);
    const endpoints = new Map(counts.map((c) => [placeKey(c.clusterId, c.namespace, c.service), { ready: c.ready, total: c.total }]));
    const templates = new Map<string, Record<string, string>[]>();
    for (const w of workloads) {
      const key = placeKey(w.clusterId, w.namespace);
      templates.set(key, [...(templates.get(key) ?? []), w.templateLabels ?? {}]);
    }
    return { endpoints, templates };
  }

  private async serviceIndex(caller: Principal, rows: InventoryRow[]): Promise<ServiceIndex> {
    const services = await findObjectsInNamespaces(this.db, caller.organizationId, ['services'], uniquePlaces(rows));
    return new Map(services.map((s) => [placeKey(s.clusterId, s.namespace, s.name), { id: s.id, ports: ((s.body as { spec?: { ports?: { port: number; name?: string }[] } }).spec?.ports ?? []) }]));
  }

  /** Links for the detail page: Ingress → its Services; Service → the workloads it selects. */
  private async related(caller: Principal, row: InventoryRow): Promise<TInventoryObject['related']> {
    if (row.resource === 'ingresses') {
      const index = await this.serviceIndex(caller, [row]);
      return ingressBackends(row).map((name) => ({ id: index.get(placeKey(row.clusterId, row.namespace, name))?.id ?? null, kind: 'Service', namespace: row.namespace, name }));
    }
    if (row.resource === 'services') {
      const selector = (bodyOf(row).spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (!selector || !Object.keys(selector).length) return [];
      const workloads = await workloadTemplateLabels(this.db, caller.organizationId, [{ clusterId: row.clusterId, namespace: row.namespace }]);
      return workloads.filter((w) => selectorMatches(selector, w.templateLabels ?? {})).map((w) => ({ id: w.id, kind: w.kind, namespace: w.namespace, name: w.name }));
    }
    return [];
  }
}
