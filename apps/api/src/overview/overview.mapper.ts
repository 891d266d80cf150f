import { CERTIFICATE_STATES, SERVICE_TYPES_COUNTED, type TOverview, type TOverviewProblem, type TOverviewProblemType } from '@portico/contracts';
import type { OverviewCountsRow, OverviewProblemRow } from '@portico/db';

/** 80 and above: users are (or may be) failing now. docs/overview.md#ranking. */
const CRITICAL_FROM = 80;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').join(', ') : '');

function daysLeft(notAfter: unknown, now: Date): string {
  if (typeof notAfter !== 'string') return '';
  const days = Math.floor((new Date(notAfter).getTime() - now.getTime()) / 86_400_000);
  return days < 0 ? `expired ${-days} ${-days === 1 ? 'day' : 'days'} ago` : days === 0 ? 'expires today' : `expires in ${days} ${days === 1 ? 'day' : 'days'}`;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Each problem in a sentence, from the facts its row carries. */
function messageOf(row: OverviewProblemRow, now: Date): string {
  const d = row.detail;
  const routed = str(d.routedBy) ? ` ${str(d.routedBy)} sends traffic to it.` : '';
  const hosts = list(d.hosts);
  const messages: Record<TOverviewProblemType, () => string> = {
    'cluster-not-syncing': () => `The cluster is ${str(d.status)}${str(d.reason) ? ` (${str(d.reason)})` : ''}: what Portico shows of it may be out of date.`,
    'backend-missing': () => `Sends traffic to Service ${str(d.serviceNamespace)}/${str(d.service)}, which does not exist.`,
    'service-no-ready-endpoints': () => `No ready endpoints (${Number(d.ready)}/${Number(d.total)}).${routed}`,
    'service-selects-nothing': () => `Its selector matches no workload’s pods, so it has no endpoints.${routed}`,
    'load-balancer-pending': () => 'Type LoadBalancer, still waiting for an address.',
    'certificate-expired': () => `${capitalized(daysLeft(d.notAfter, now)) || 'Expired'}${hosts ? `, served for ${hosts}` : ''}.`,
    'certificate-secret-missing': () => `The TLS Secret does not exist${hosts ? `, but ${hosts} need it` : ''}.`,
    'certificate-hosts-not-covered': () => `Does not cover ${list(d.uncoveredHosts) || 'every host it is served for'}.`,
    'certificate-expiring': () => `${capitalized(daysLeft(d.notAfter, now))}${hosts ? `, served for ${hosts}` : ''}.`,
  };
  return messages[row.type as TOverviewProblemType]();
}

/** The problem as the API answers it: fields listed one by one, so nothing else of the row leaks. */
export function toOverviewProblem(row: OverviewProblemRow, now: Date): TOverviewProblem {
  return {
    type: row.type as TOverviewProblemType,
    impact: row.impact,
    severity: row.impact >= CRITICAL_FROM ? 'critical' : 'warning',
    clusterId: row.clusterId,
    clusterName: row.clusterName,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    message: messageOf(row, now),
    target: { type: row.targetType, id: row.targetId },
  };
}

export function toOverview(counts: OverviewCountsRow, problems: { rows: OverviewProblemRow[]; total: number }, now: Date): TOverview {
  const byType = Object.fromEntries(SERVICE_TYPES_COUNTED.map((t) => [t, counts.servicesByType[t] ?? 0])) as TOverview['services']['byType'];
  return {
    clusters: { total: counts.clusters, notSyncing: counts.notSyncing },
    services: { total: Object.values(byType).reduce((a, b) => a + b, 0), byType },
    ingresses: counts.resources.ingresses ?? 0,
    httpRoutes: counts.resources.httproutes ?? 0,
    gateways: counts.resources.gateways ?? 0,
    certificates: {
      total: counts.certificates,
      healthy: counts.healthyCertificates,
      byState: Object.fromEntries(CERTIFICATE_STATES.map((s) => [s, Number(counts.certificateStates[s] ?? 0)])) as TOverview['certificates']['byState'],
    },
    problems: problems.rows.map((r) => toOverviewProblem(r, now)),
    problemsTotal: problems.total,
  };
}
