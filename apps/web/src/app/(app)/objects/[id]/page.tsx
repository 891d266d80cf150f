import type { Metadata } from 'next';
import Link from 'next/link';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { CertificateSummaryView, GenericSummaryView, IngressSummaryView, ServiceSummaryView, isCertificate, isGeneric, isIngress, isService } from '@/modules/inventory/components/object-summary';
import { LabelList } from '@/modules/inventory/components/label-list';
import { RelatedList } from '@/modules/inventory/components/related-list';
import { WorkloadSummaryView, isWorkload } from '@/modules/inventory/components/workload-summary';
import { getObject } from '@/modules/inventory/lib/get-object';
import { ObjectChangeActions } from '@/modules/changes/components/object-change-actions';
import { isEditableKind } from '@/modules/changes/lib/get-editable-object';
import { RouteStatusList } from '@/modules/changes/components/route-status';
import { parentStatusOf } from '@/modules/changes/lib/route-status';
import { buttonClass } from '@/modules/ui/components/button';
import { Alert } from '@/modules/ui/components/alert';
import { Badge } from '@/modules/ui/components/badge';
import { CopyButton } from '@/modules/ui/components/copy-button';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';
import { formatDateTime } from '@/modules/ui/lib/format';

/** The object's kind and name as the title; an unknown id is "not found" here already (getObject), so a 404 keeps its own title. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const res = await getObject((await params).id);
  return { title: res.ok ? `${res.data.item.kind} ${res.data.item.name}` : 'Object' };
}

/** Where "back" goes for a kind: its list, filtered to the object's cluster. */
const listOf: Record<string, [string, string]> = {
  Service: ['/services', 'Services'],
  Ingress: ['/ingresses', 'Ingress & TLS'],
  IngressClass: ['/ingresses', 'Ingress & TLS'],
  Gateway: ['/gateway-api?tab=gateways', 'Gateway API'],
  HTTPRoute: ['/gateway-api?tab=httproutes', 'Gateway API'],
  GatewayClass: ['/gateway-api?tab=gatewayclasses', 'Gateway API'],
  ReferenceGrant: ['/gateway-api?tab=referencegrants', 'Gateway API'],
  Secret: ['/tls-secrets', 'TLS Secrets'],
  Certificate: ['/certificates', 'Certificates'],
};

/** What the "Related" list holds for each kind (see the API's `related`): both ways. */
const RELATED_DESCRIPTION: Record<string, string> = {
  Ingress: 'Its backend Services, TLS Secrets and class.',
  Service: 'The workloads and Pods it selects, and the Ingresses and HTTPRoutes that route to it.',
  HTTPRoute: 'The Gateways it attaches to, the Services it sends traffic to, and the ReferenceGrants that let it reach other namespaces.',
  Gateway: 'Its class, its TLS Secrets, the ReferenceGrants that let it use Secrets of other namespaces, and the HTTPRoutes attached to it.',
  ReferenceGrant: 'The Services and Secrets of its namespace it lets others refer to.',
  Deployment: 'The Services that select its pods.',
  StatefulSet: 'The Services that select its pods.',
  DaemonSet: 'The Services that select its pods.',
  Secret: 'What serves this certificate, and what keeps it.',
};

/** Kinds `kubectl expose` (and Portico's Expose) takes from a page. */
const EXPOSABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export default async function ObjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const res = await getObject(id);
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
  // Viewers only look; the API refuses their changes anyway, so the button is not offered.
  const me = await requireMe();
  const canChange = me.organization.role === 'editor' || me.organization.role === 'admin';
  const exposeHref = `/clusters/${item.cluster.id}/expose?${new URLSearchParams({ namespace: item.namespace, kind: item.kind, name: item.name, object: item.id }).toString()}`;
  const back = listOf[item.kind];
  const backHref = back ? `${back[0]}${back[0].includes('?') ? '&' : '?'}cluster=${item.cluster.id}` : `/clusters/${item.cluster.id}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={backHref} className="text-zinc-500 hover:text-zinc-900 hover:underline">
          ← {back ? `${back[1]} in ${item.cluster.name}` : item.cluster.name}
        </Link>
      </p>
      <PageHeader
        title={item.name}
        actions={
          canChange && EXPOSABLE.has(item.kind) ? (
            <Link href={exposeHref} className={buttonClass('primary')}>
              Expose
            </Link>
          ) : canChange && isEditableKind(item.kind) ? (
            <ObjectChangeActions id={item.id} kind={item.kind} />
          ) : undefined
        }
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
          {isWorkload(item) ? (
            <WorkloadSummaryView workload={item} />
          ) : isService(item) ? (
            <ServiceSummaryView service={item} />
          ) : isIngress(item) ? (
            <IngressSummaryView ingress={item} />
          ) : isCertificate(item) ? (
            <CertificateSummaryView cert={item} />
          ) : isGeneric(item) ? (
            <GenericSummaryView item={item} />
          ) : null}
          {item.kind === 'HTTPRoute' && 'details' in item && (
            <Section id="route-status" title="Status per Gateway" description="What each parent Gateway’s implementation says about this route (Accepted, ResolvedRefs).">
              <RouteStatusList status={parentStatusOf(item.details)} />
            </Section>
          )}
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
            <RelatedList related={related} namespace={item.namespace} />
          </Section>
          <Section id="labels" title="Labels">
            <LabelList labels={item.labels} empty={<p className="text-sm text-zinc-500">No labels.</p>} className="flex flex-wrap gap-1.5" />
          </Section>
        </div>
      </div>
    </>
  );
}
