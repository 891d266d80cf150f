import { INVENTORY_FILTERS, type TInventoryFilter, type TInventoryKind } from '@portico/contracts';

export type FilterKey = TInventoryFilter;
export type SortKey = 'name' | 'namespace' | 'cluster' | 'age';
export type SortValue = SortKey | `-${SortKey}`;

/** The filters each kind's list offers: the contract's table (the API answers 400 to any other). */
export const FILTERS = INVENTORY_FILTERS;

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Headless'] as const;
const SORTS: SortValue[] = ['name', '-name', 'namespace', '-namespace', 'cluster', '-cluster', 'age', '-age'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ListParams {
  filters: Partial<Record<FilterKey, string>>;
  sort: SortValue;
  cursor?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/**
 * A list's state from the page URL: only the filters this kind knows, a valid sort, the cursor.
 * Anything malformed is dropped here so a hand-edited URL gives a list, not an API error.
 */
export function readListParams(kind: TInventoryKind, sp: SearchParams): ListParams {
  const filters: ListParams['filters'] = {};
  for (const key of FILTERS[kind]) {
    const value = first(sp[key]).slice(0, key === 'label' ? 1000 : key === 'q' ? 200 : 253);
    if (!value) continue;
    if (key === 'cluster' && !UUID.test(value)) continue;
    if (key === 'type' && !(SERVICE_TYPES as readonly string[]).includes(value)) continue;
    filters[key] = value;
  }
  const sortRaw = first(sp.sort) as SortValue;
  const cursor = first(sp.cursor);
  return { filters, sort: SORTS.includes(sortRaw) ? sortRaw : 'name', cursor: cursor && cursor.length <= 2048 ? cursor : undefined };
}

/** The API query of a list page. */
export function apiQuery(p: ListParams, limit = 50): Record<string, string | number | undefined> {
  return { ...p.filters, sort: p.sort, cursor: p.cursor, limit };
}

/**
 * The page URL for `p` with `changes` applied; `extra` keeps page-level params (e.g. a tab).
 * The default sort is left out so plain links stay short.
 */
export function listHref(
  basePath: string,
  p: ListParams,
  changes: Partial<{ sort: SortValue; cursor: string | undefined; filters: ListParams['filters'] }> = {},
  extra: Record<string, string | undefined> = {},
): string {
  const filters = changes.filters ?? p.filters;
  const sort = changes.sort ?? p.sort;
  const cursor = 'cursor' in changes ? changes.cursor : p.cursor;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v) qs.set(k, v);
  for (const [k, v] of Object.entries(filters)) if (v) qs.set(k, v);
  if (sort !== 'name') qs.set('sort', sort);
  if (cursor) qs.set('cursor', cursor);
  const s = qs.toString();
  return s ? `${basePath}?${s}` : basePath;
}

/** Clicking a column header: ascending first, then descending, per column. */
export function nextSort(current: SortValue, key: SortKey): SortValue {
  return current === key ? `-${key}` : key;
}

export function hasFilters(p: ListParams): boolean {
  return Object.values(p.filters).some(Boolean);
}
