import type { Metadata } from 'next';
import Link from 'next/link';
import { gatewayClassColumns, gatewayColumns, httpRouteColumns, referenceGrantColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { buttonClass } from '@/modules/ui/components/button';
import { PageHeader } from '@/modules/ui/components/page-header';
import { cx } from '@/modules/ui/lib/cx';

export const metadata: Metadata = { title: 'Gateway API' };

const TABS = [
  { tab: 'gateways', label: 'Gateways', kind: 'gateways', noun: ['Gateway', 'Gateways'], columns: gatewayColumns, classLabel: 'GatewayClass' },
  { tab: 'httproutes', label: 'HTTPRoutes', kind: 'httproutes', noun: ['HTTPRoute', 'HTTPRoutes'], columns: httpRouteColumns, classLabel: undefined },
  {
    tab: 'referencegrants',
    label: 'ReferenceGrants',
    kind: 'referencegrants',
    noun: ['ReferenceGrant', 'ReferenceGrants'],
    columns: referenceGrantColumns,
    classLabel: undefined,
  },
  { tab: 'gatewayclasses', label: 'GatewayClasses', kind: 'gatewayclasses', noun: ['GatewayClass', 'GatewayClasses'], columns: gatewayClassColumns, classLabel: undefined },
] as const;

export default async function GatewayApiPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const current = TABS.find((t) => t.tab === sp.tab) ?? TABS[0];
  const params = readListParams(current.kind, sp);
  // The cluster filter follows you across tabs; the others are per kind.
  const cluster = params.filters.cluster;

  return (
    <>
      <PageHeader
        title="Gateway API"
        description="GatewayClasses, Gateways, HTTPRoutes and the ReferenceGrants that let them refer across namespaces, on clusters that run the Kubernetes Gateway API."
      />
      {/* Four tabs are wider than a phone: they wrap rather than scroll the page sideways. */}
      <nav aria-label="Gateway API kinds" className="mb-5 flex flex-wrap gap-1 border-b border-zinc-200">
        {TABS.map((t) => {
          const href = `/gateway-api?tab=${t.tab}${cluster ? `&cluster=${cluster}` : ''}`;
          const active = t.tab === current.tab;
          return (
            <Link
              key={t.tab}
              href={href}
              aria-current={active ? 'page' : undefined}
              className={cx(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                active ? 'border-accent-600 text-zinc-900' : 'border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800',
              )}
            >
              {t.label}
            </Link>
          );
        })}
      </nav>
      {current.tab === 'httproutes' && cluster && (
        <p className="mb-4">
          <Link href={`/clusters/${cluster}/httproutes/new`} className={buttonClass('primary')}>
            New HTTPRoute
          </Link>
        </p>
      )}
      <InventoryList
        key={current.tab}
        kind={current.kind}
        params={params}
        basePath="/gateway-api"
        extra={{ tab: current.tab }}
        columns={current.columns()}
        noun={[...current.noun]}
        icon="gateway"
        classLabel={current.classLabel}
      />
    </>
  );
}
