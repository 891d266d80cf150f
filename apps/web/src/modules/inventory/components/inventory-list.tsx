import type { ReactNode } from 'react';
import Link from 'next/link';
import { routes, type TCluster, type TInventoryItem, type TInventoryKind } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { paramErrors, problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { PageLinks } from '@/modules/ui/components/page-links';
import { EmptyState } from '@/modules/ui/components/empty-state';
import type { IconName } from '@/modules/ui/components/icons';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { cx } from '@/modules/ui/lib/cx';
import { FILTERS, apiQuery, hasFilters, listHref, nextSort, type FilterKey, type ListParams, type SortKey } from '../lib/inventory-query';
import { InventoryFilters } from './inventory-filters';

/** What every cell may use besides its item: one clock per render, the organization's clusters by id. */
export interface CellContext {
  now: number;
  clusters: ReadonlyMap<string, TCluster>;
}

export interface Column<T> {
  key: string;
  header: string;
  /** Sortable by the API under this key. */
  sort?: SortKey;
  className?: string;
  cell: (item: T, ctx: CellContext) => ReactNode;
}

export interface InventoryListProps<T extends TInventoryItem> {
  kind: TInventoryKind;
  params: ListParams;
  basePath: string;
  /** Page-level URL params kept by every link (e.g. the Gateway API tab). */
  extra?: Record<string, string | undefined>;
  columns: Column<T>[];
  noun: [singular: string, plural: string];
  icon: IconName;
  classLabel?: string;
}

const PAGE_SIZE = 50;

/** The catalogue's list route of each inventory kind. */
const INVENTORY_ROUTES = {
  services: routes.listServices,
  ingresses: routes.listIngresses,
  gatewayclasses: routes.listGatewayClasses,
  gateways: routes.listGateways,
  httproutes: routes.listHttpRoutes,
  referencegrants: routes.listReferenceGrants,
  networkpolicies: routes.listNetworkPolicies,
  'tls-secrets': routes.listTlsSecrets,
} satisfies Record<TInventoryKind, (typeof routes)[keyof typeof routes]>;

/**
 * One inventory list, the same for every kind: URL-bound filters, sortable headers, server-side
 * pages through the API's opaque cursor (50 rows a page — never the whole inventory).
 */
export async function InventoryList<T extends TInventoryItem>({ kind, params, basePath, extra = {}, columns, noun, icon, classLabel }: InventoryListProps<T>) {
  const [clusters, page] = await Promise.all([apiGet(routes.listClusters), apiGet(INVENTORY_ROUTES[kind], { query: apiQuery(params, PAGE_SIZE) })]);
  const clusterOptions = clusters.ok ? clusters.data.items.map((c) => ({ id: c.id, name: c.name })) : [];
  const noClusters = clusters.ok && clusters.data.items.length === 0;
  const fields = FILTERS[kind];

  const fieldErrors: Partial<Record<FilterKey, string>> = {};
  if (!page.ok && page.status === 400) {
    const found = paramErrors(page.problem);
    for (const f of fields) if (found[f]) fieldErrors[f] = found[f];
  }
  const keep = { ...extra, sort: params.sort === 'name' ? undefined : params.sort };
  const filterKey = JSON.stringify(params.filters);

  if (noClusters) {
    return (
      <EmptyState icon={icon} title={`Register a cluster to see its ${noun[1]}`}>
        <p>
          Portico lists the {noun[1]} of every cluster you connect. Go to{' '}
          <Link href="/clusters" className="font-medium text-accent-700 hover:underline">
            Clusters
          </Link>{' '}
          and register one with a kubeconfig or an API server URL and token (admins only).
        </p>
      </EmptyState>
    );
  }

  // eslint-disable-next-line react-hooks/purity -- one clock for the whole render, passed down so relative times agree.
  const now = Date.now();
  const clusterById = new Map(clusters.ok ? clusters.data.items.map((c) => [c.id, c]) : []);
  const items = page.ok ? (page.data.items as T[]) : [];
  const nextCursor = page.ok ? page.data.nextCursor : null;
  const filtered = hasFilters(params);

  return (
    <div className="space-y-4">
      <InventoryFilters key={filterKey} basePath={basePath} fields={fields} values={params.filters} keep={keep} clusters={clusterOptions} errors={fieldErrors} classLabel={classLabel} noun={noun[1]} />
      {!page.ok ? (
        <Alert tone="error" title={`Could not load the ${noun[1]}`}>
          {Object.keys(fieldErrors).length > 0 ? 'Fix the filter marked above.' : problemMessage(page.problem)}
        </Alert>
      ) : items.length === 0 && !params.cursor ? (
        filtered ? (
          <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-10 text-center text-sm text-zinc-600">
            <p className="font-medium text-zinc-900">No {noun[1]} match these filters.</p>
            <p className="mt-1">
              Loosen a filter, or{' '}
              <Link href={listHref(basePath, params, { filters: {}, cursor: undefined }, extra)} className="font-medium text-accent-700 hover:underline">
                clear them all
              </Link>
              .
            </p>
          </div>
        ) : (
          <EmptyState icon={icon} title={`No ${noun[1]} yet`}>
            <p>None of your clusters has any {noun[1]}, or their initial sync has not finished. Check the sync status on the Clusters page.</p>
          </EmptyState>
        )
      ) : (
        <div className="rounded-lg border border-zinc-200 bg-white px-5 shadow-xs">
          <Table label={noun[1].charAt(0).toUpperCase() + noun[1].slice(1)} stackOnPhone>
            <thead>
              <tr>
                {columns.map((c) => {
                  const dir = c.sort && (params.sort === c.sort ? 'ascending' : params.sort === `-${c.sort}` ? 'descending' : undefined);
                  return (
                    <Th key={c.key} aria-sort={c.sort ? (dir ?? 'none') : undefined} className={c.className}>
                      {c.sort ? (
                        <Link
                          href={listHref(basePath, params, { sort: nextSort(params.sort, c.sort), cursor: undefined }, extra)}
                          className={cx('inline-flex items-center gap-1 uppercase hover:text-zinc-900', dir && 'text-zinc-900')}
                          aria-label={`Sort by ${c.header}${dir === 'ascending' ? ', descending' : ''}`}
                        >
                          {c.header}
                          <span aria-hidden="true" className={cx('text-[10px]', !dir && 'text-zinc-300')}>
                            {dir === 'descending' ? '▼' : '▲'}
                          </span>
                        </Link>
                      ) : (
                        c.header
                      )}
                    </Th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-object-id={item.id} className="hover:bg-zinc-50/60">
                  {columns.map((c, n) => (
                    <Td key={c.key} label={n > 0 ? c.header : undefined} className={cx('align-top', c.className)}>
                      {c.cell(item, { now, clusters: clusterById })}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label={`Pages of ${noun[1]}`} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <p aria-live="polite" className="text-xs text-zinc-500">
              {items.length === 0
                ? `No more ${noun[1]}.`
                : `Showing ${items.length} ${items.length === 1 ? noun[0] : noun[1]}${params.cursor ? ' on this page' : ''}${nextCursor ? ' — more on the next page' : params.cursor ? ' — the last page' : ''}.`}
            </p>
            <PageLinks
              first={params.cursor ? listHref(basePath, params, { cursor: undefined }, extra) : undefined}
              next={nextCursor ? listHref(basePath, params, { cursor: nextCursor }, extra) : undefined}
            />
          </nav>
        </div>
      )}
    </div>
  );
}
