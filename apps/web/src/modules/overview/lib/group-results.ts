import type { TSearchResult } from '@portico/contracts';

export interface ResultGroup {
  kind: string;
  label: string;
  items: TSearchResult[];
}

/** "Ingress" → "Ingresses", "Service" → "Services". */
export function pluralKind(kind: string): string {
  return /(s|x|ch|sh)$/.test(kind) ? `${kind}es` : `${kind}s`;
}

/** Results grouped by kind; groups in the order of their best result, results in the API's order. */
export function groupResults(items: readonly TSearchResult[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  for (const item of items) {
    let group = groups.get(item.kind);
    if (!group) groups.set(item.kind, (group = { kind: item.kind, label: pluralKind(item.kind), items: [] }));
    group.items.push(item);
  }
  return [...groups.values()];
}
