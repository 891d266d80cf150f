import Link from 'next/link';
import { CERTIFICATE_STATE_LABELS, type TCertificateState, type TOverview } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Section } from '@/modules/ui/components/section';
import { PROBLEM_LABELS, targetHref } from '../lib/overview-links';

/** The certificate states worth a number on the overview, worst first. */
const CERTIFICATE_COUNTS: TCertificateState[] = ['expired', 'secret-missing', 'hosts-not-covered', 'expiring', 'renewal-overdue', 'not-ready'];

/** Each count links to its list, narrowed to the cluster when the overview is one cluster's. */
function withCluster(href: string, clusterId?: string) {
  if (!clusterId) return href;
  return `${href}${href.includes('?') ? '&' : '?'}cluster=${encodeURIComponent(clusterId)}`;
}

function Stat({ label, value, href, tone }: { label: string; value: number; href: string; tone?: 'danger' | 'warning' }) {
  const color = value > 0 && tone === 'danger' ? 'text-red-700' : value > 0 && tone === 'warning' ? 'text-amber-800' : 'text-zinc-900';
  return (
    <li>
      <Link href={href} className="block rounded-md border border-zinc-200 px-3 py-2 hover:border-accent-300 hover:bg-accent-50/40 focus-visible:outline-2 focus-visible:outline-accent-600">
        <span className={`block text-xl font-semibold tabular-nums ${color}`}>{value}</span>
        <span className="block text-xs text-zinc-600">{label}</span>
      </Link>
    </li>
  );
}

/**
 * Counts (Services by type, Ingresses, HTTPRoutes, certificates by state) and the problems,
 * most impact first, each linking to its object. The home page shows the organization's, a
 * cluster page its own (`clusterId`).
 */
export function OverviewPanel({ overview: o, clusterId }: { overview: TOverview; clusterId?: string }) {
  const s = o.services.byType;
  const shown = o.problems.length;
  return (
    <div className="space-y-6">
      <Section
        id="problems"
        title={o.problemsTotal === 0 ? 'No problems found' : `${o.problemsTotal} ${o.problemsTotal === 1 ? 'problem' : 'problems'}`}
        description="How traffic reaches your workloads: what fails for users now comes first, then what will, then what might."
      >
        {o.problemsTotal === 0 ? (
          <p className="text-sm text-zinc-700">Every Service with a selector has ready endpoints, every backend exists, every certificate is valid for its hosts, and every cluster syncs.</p>
        ) : (
          <>
            <ol className="divide-y divide-zinc-100" aria-label="Problems, most impact first">
              {o.problems.map((p) => (
                <li key={`${p.type}/${p.target.id}/${p.namespace}/${p.name}`} className="flex flex-col gap-1 py-2.5 sm:flex-row sm:items-baseline sm:gap-3">
                  <span className="shrink-0 sm:w-48">
                    <Badge tone={p.severity === 'critical' ? 'danger' : 'warning'}>{PROBLEM_LABELS[p.type]}</Badge>
                  </span>
                  <span className="min-w-0 flex-1 text-sm">
                    <Link href={targetHref(p.target)} className="font-medium break-words text-accent-700 hover:underline">
                      {p.kind} {p.namespace ? `${p.namespace}/` : ''}
                      {p.name}
                    </Link>
                    {!clusterId && <span className="text-zinc-600"> · {p.clusterName}</span>}
                    <span className="block break-words text-zinc-700">{p.message}</span>
                  </span>
                </li>
              ))}
            </ol>
            {o.problemsTotal > shown && <p className="pt-2 text-xs text-zinc-600">The {shown} with the most impact are shown.</p>}
          </>
        )}
      </Section>
      <Section id="counts" title="What there is" description={clusterId ? 'In this cluster.' : `Across ${o.clusters.total} ${o.clusters.total === 1 ? 'cluster' : 'clusters'}.`}>
        <div className="space-y-5">
          <div>
            <h3 className="mb-2 text-sm font-medium text-zinc-800">Services ({o.services.total})</h3>
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
              <Stat label="ClusterIP" value={s.ClusterIP} href={withCluster('/services?type=ClusterIP', clusterId)} />
              <Stat label="Headless" value={s.Headless} href={withCluster('/services?type=Headless', clusterId)} />
              <Stat label="NodePort" value={s.NodePort} href={withCluster('/services?type=NodePort', clusterId)} />
              <Stat label="LoadBalancer" value={s.LoadBalancer} href={withCluster('/services?type=LoadBalancer', clusterId)} />
              <Stat label="ExternalName" value={s.ExternalName} href={withCluster('/services?type=ExternalName', clusterId)} />
            </ul>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium text-zinc-800">Routes</h3>
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
              <Stat label="Ingresses" value={o.ingresses} href={withCluster('/ingresses', clusterId)} />
              <Stat label="HTTPRoutes" value={o.httpRoutes} href={withCluster('/gateway-api', clusterId)} />
              <Stat label="Gateways" value={o.gateways} href={withCluster('/gateway-api', clusterId)} />
              {!clusterId && <Stat label="Clusters not syncing" value={o.clusters.notSyncing} href="/clusters" tone="danger" />}
            </ul>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium text-zinc-800">
              Certificates ({o.certificates.total}, {o.certificates.healthy} without a problem)
            </h3>
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
              {CERTIFICATE_COUNTS.map((state) => (
                <Stat
                  key={state}
                  label={CERTIFICATE_STATE_LABELS[state]}
                  value={o.certificates.byState[state]}
                  href={withCluster(`/certificates?state=${state}`, clusterId)}
                  tone={['expired', 'secret-missing', 'hosts-not-covered'].includes(state) ? 'danger' : 'warning'}
                />
              ))}
            </ul>
          </div>
        </div>
      </Section>
    </div>
  );
}
