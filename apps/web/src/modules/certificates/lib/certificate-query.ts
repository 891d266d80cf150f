import { CERTIFICATE_STATES, type TCertificateState } from '@portico/contracts';

/** The fleet list's state in the page URL: filters, sort and cursor, as the API takes them. */
export interface CertificateListParams {
  cluster?: string;
  namespace?: string;
  state?: TCertificateState;
  owner?: string;
  q?: string;
  sort: 'daysLeft' | '-daysLeft';
  cursor?: string;
}

export const CERTIFICATE_FILTERS = ['cluster', 'namespace', 'state', 'owner', 'q'] as const;
type SearchParams = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/** Reads the URL; anything malformed is dropped, so a hand-edited link gives a list, not an error. */
export function readCertificateParams(sp: SearchParams): CertificateListParams {
  const cluster = first(sp.cluster);
  const state = first(sp.state) as TCertificateState;
  const cursor = first(sp.cursor);
  const text = (key: string, max: number) => first(sp[key]).slice(0, max) || undefined;
  return {
    cluster: UUID.test(cluster) ? cluster : undefined,
    namespace: text('namespace', 253),
    state: (CERTIFICATE_STATES as readonly string[]).includes(state) ? state : undefined,
    owner: text('owner', 253),
    q: text('q', 200),
    sort: first(sp.sort) === '-daysLeft' ? '-daysLeft' : 'daysLeft',
    cursor: cursor && cursor.length <= 2048 ? cursor : undefined,
  };
}

/** The API query of a page (the same names). */
export function certificateApiQuery(p: CertificateListParams, limit = 50): Record<string, string | number | undefined> {
  return { cluster: p.cluster, namespace: p.namespace, state: p.state, owner: p.owner, q: p.q, sort: p.sort, cursor: p.cursor, limit };
}

/** The page URL for `p` with `changes`; the default sort is left out so plain links stay short. */
export function certificateListHref(p: CertificateListParams, changes: Partial<CertificateListParams> = {}): string {
  const next = { ...p, ...changes };
  const qs = new URLSearchParams();
  for (const key of CERTIFICATE_FILTERS) if (next[key]) qs.set(key, next[key]);
  if (next.sort !== 'daysLeft') qs.set('sort', next.sort);
  if (next.cursor) qs.set('cursor', next.cursor);
  const s = qs.toString();
  return s ? `/certificates?${s}` : '/certificates';
}
