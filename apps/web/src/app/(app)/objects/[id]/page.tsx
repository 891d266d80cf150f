import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { CertificateSummaryView, GenericSummaryView, IngressSummaryView, ServiceSummaryView, isCertificate, isGeneric, isIngress, isService } from '@/modules/inventory/components/object-summary';
import { Alert } from '@/modules/ui/components/alert';
import { Badge } from '@/modules/ui/components/badge';
import { CopyButton } from '@/modules/ui/components/copy-button';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';
import { formatDateTime } from '@/modules/ui/lib/format';

export const metadata: Metadata = { title: 'Object' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where "back" goes for a kind: its list, filtered to the object's cluster. */
const listOf: Record<string, [string, string]> = {
  Service: ['/services', 'Services'],
  Ingress: ['/ingresses', 'Ingress & TLS'],
  Gateway: ['/gateway-api?tab=gateways', 'Gateway API'],
  HTTPRoute: ['/gateway-api?tab=httproutes', 'Gateway API'],
  GatewayClass: ['/gateway-api?tab=gatewayclasses', 'Gateway API'],
  Secret: ['/certificates', 'Certificates'],
  Certificate: ['/certificates', 'Certificates'],
};

/** What the "Related" list means for each kind that has one (see the API's `related`). */
const RELATED_DESCRIPTION: Record<string, string> = {
  Ingress: 'The Services this Ingress sends traffic to.',
  Service: 'The workloads this Service selects.',
  HTTPRoute: 'The Gateways this route attaches to, then the Services it sends traffic to.',
  Gateway: 'The GatewayClass that implements this Gateway.',
};

export default async function ObjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const res = await apiGet(routes.getObject, { params: { id } });
  if (!res.ok && res.status === 404) notFound();
  if (!res.ok) {
    return (
      <>
        <PageHeader title="Object" />
        <Alert tone="error" title="Could not load this object">
          {problemMessage(res.problem)}
        </Alert>
      </>
    );
  }
  const { item, yaml, related } = res.data;
  const back = listOf[item.kind];
  const backHref = back ? `${back[0]}${back[0].includes('?') ? '&' : '?'}cluster=${item.cluster.id}` : `/clusters/${item.cluster.id}`;
  const labels = Object.entries(item.labels);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={backHref} className="text-zinc-500 hover:text-zinc-900 hover:underline">
          ← {back ? `${back[1]} in ${item.cluster.name}` : item.cluster.name}
        </Link>
      </p>
      <PageHeader
        title={item.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Badge tone="accent">{item.kind}</Badge>
            {item.namespace && (
              <span>
                namespace <span className="font-medium text-zinc-800">{item.namespace}</span>
              </span>
            )}
            <span>
              cluster{' '}
              <Link href={`/clusters/${item.cluster.id}`} className="font-medium text-zinc-800 hover:underline">
                {item.cluster.name}
              </Link>
            </span>
            {item.createdAt && <span>created {formatDateTime(item.createdAt)}</span>}
          </span>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          {isService(item) ? (
            <ServiceSummaryView service={item} />
          ) : isIngress(item) ? (
            <IngressSummaryView ingress={item} />
          ) : isCertificate(item) ? (
            <CertificateSummaryView cert={item} />
          ) : isGeneric(item) ? (
            <GenericSummaryView item={item} />
          ) : null}
          <Section
            id="yaml"
            title="YAML"
            description="As synced from the cluster (managedFields removed; Secret data never leaves the cluster)."
            actions={<CopyButton value={yaml} label="Copy YAML" showText className="border border-zinc-300 bg-white px-2 py-1 text-zinc-700" />}
          >
            <pre className="-mx-5 -my-4 max-h-[36rem] overflow-auto bg-zinc-950 px-5 py-4 font-mono text-[12px] leading-5 text-zinc-100" tabIndex={0} aria-label={`YAML of ${item.kind} ${item.name}`}>
              {yaml}
            </pre>
          </Section>
        </div>
        <div className="min-w-0 space-y-6">
          <Section id="related" title="Related" description={RELATED_DESCRIPTION[item.kind]}>
            {related.length === 0 ? (
              <p className="text-sm text-zinc-500">Nothing related found.</p>
            ) : (
              <ul className="space-y-2">
                {related.map((r) => (
                  <li key={`${r.kind}/${r.namespace}/${r.name}`} className="flex items-center gap-2 text-sm">
                    <Badge>{r.kind}</Badge>
                    {r.id ? (
                      <Link href={`/objects/${r.id}`} className="font-medium break-all text-accent-700 hover:underline">
                        {r.name}
                      </Link>
                    ) : (
                      <span className="break-all text-zinc-700" title="Not synced (missing in the cluster?)">
                        {r.name} <span className="text-xs text-amber-800">(not found)</span>
                      </span>
                    )}
                    {r.namespace && r.namespace !== item.namespace && <span className="text-xs text-zinc-500">in {r.namespace}</span>}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="labels" title="Labels">
            {labels.length === 0 ? (
              <p className="text-sm text-zinc-500">No labels.</p>
            ) : (
              <ul className="flex flex-wrap gap-1.5">
                {labels.map(([k, v]) => (
                  <li key={k}>
                    <Badge>
                      <span className="font-mono break-all">
                        {k}={v}
                      </span>
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
