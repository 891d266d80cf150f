import type { Metadata } from 'next';
import { routes, type TInventoryPage } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { LoadError } from '@/modules/changes/components/load-error';
import { ObjectChangeHeader } from '@/modules/changes/components/object-change-header';
import { getEditableObject } from '@/modules/changes/lib/get-editable-object';
import { MigrationForm } from '@/modules/migration/components/migration-form';
import { Alert } from '@/modules/ui/components/alert';

export const metadata: Metadata = { title: 'Migrate to Gateway API' };

/** Ingress → Gateway API: pick the Gateway, preview both sides and the traffic-equivalence table, submit one batch of changes. */
export default async function MigrateIngressPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, res] = await Promise.all([requireMe(), getEditableObject(id)]);
  if (!res.ok) return <LoadError title="Migrate to Gateway API" what="this object" problem={res.problem} />;
  const { item } = res.data;
  if (item.kind !== 'Ingress') {
    return (
      <>
        <ObjectChangeHeader title="Migrate to Gateway API" item={item} />
        <Alert tone="info">Only an Ingress is migrated to the Gateway API.</Alert>
      </>
    );
  }
  const cluster = item.cluster.id;
  // The inventory lists' response schemas are per kind; these two read only names.
  const [gateways, classes] = await Promise.all([apiGet(routes.listGateways, { query: { cluster, limit: 100 } }), apiGet(routes.listGatewayClasses, { query: { cluster, limit: 100 } })]);
  return (
    <>
      <ObjectChangeHeader title={`Migrate ${item.name} to Gateway API`} item={item} description="The Ingress stays in place until you delete it." />
      {!gateways.ok || !classes.ok ? (
        <Alert tone="error">Could not read the cluster’s Gateways and GatewayClasses: {(!gateways.ok ? gateways.problem : !classes.ok ? classes.problem : null)?.title}</Alert>
      ) : (
        <MigrationForm
          clusterId={cluster}
          csrfToken={me.csrfToken}
          ingress={{ id: item.id, namespace: item.namespace, name: item.name, className: 'className' in item ? item.className : null }}
          gateways={(gateways.data as TInventoryPage).items.map((g) => ({ namespace: g.namespace, name: g.name }))}
          gatewayClasses={(classes.data as TInventoryPage).items.map((c) => c.name)}
          canSubmit={me.organization.role !== 'viewer'}
        />
      )}
    </>
  );
}
