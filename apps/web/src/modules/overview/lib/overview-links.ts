import type { TOverviewProblemType, TOverviewTarget, TSearchResult } from '@portico/contracts';

/** The page a problem or a search result opens. */
export function targetHref(target: TOverviewTarget | Pick<TSearchResult, 'type' | 'id'>): string {
  const base = { object: '/objects', certificate: '/certificates', cluster: '/clusters' }[target.type];
  return `${base}/${encodeURIComponent(target.id)}`;
}

/** Short names of the problem types, for the list's labels. */
export const PROBLEM_LABELS: Readonly<Record<TOverviewProblemType, string>> = {
  'certificate-expired': 'Certificate expired',
  'certificate-secret-missing': 'TLS Secret missing',
  'certificate-hosts-not-covered': 'Hosts not covered',
  'backend-missing': 'Backend missing',
  'service-no-ready-endpoints': 'No ready endpoints',
  'service-selects-nothing': 'Selector matches nothing',
  'cluster-not-syncing': 'Not syncing',
  'certificate-expiring': 'Certificate expiring',
  'load-balancer-pending': 'No load balancer address',
};
