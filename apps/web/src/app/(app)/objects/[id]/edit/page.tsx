import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ObjectChangeHeader } from '@/modules/changes/components/object-change-header';
import { ServiceForm } from '@/modules/changes/components/service-form';
import { IngressForm } from '@/modules/changes/components/ingress-form';
import { ingressValuesOf } from '@/modules/changes/lib/ingress-values';
import { parseYaml } from '@/modules/changes/lib/editable-yaml';
import { getEditableObject } from '@/modules/changes/lib/get-editable-object';
import { serviceValuesOf } from '@/modules/changes/lib/service-values';
import { LoadError } from '@/modules/changes/components/load-error';
import { GatewayApiEdit } from '@/modules/changes/components/gateway-api-edit';

export const metadata: Metadata = { title: 'Edit' };

/** The Service and Ingress editors, prefilled from the synced copy; other kinds (and ExternalName Services) are edited as YAML. */
export default async function EditObjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, res] = await Promise.all([requireMe(), getEditableObject(id)]);
  if (!res.ok) return <LoadError title="Edit" what="this object" problem={res.problem} />;
  const { item, yaml } = res.data;
  if (item.kind === 'HTTPRoute' || item.kind === 'Gateway') return <GatewayApiEdit item={item} yaml={yaml} csrfToken={me.csrfToken} canSubmit={me.organization.role !== 'viewer'} />;
  if (item.kind === 'Ingress') {
    return (
      <>
        <ObjectChangeHeader title={`Edit ${item.name}`} item={item} />
        <IngressForm
          clusterId={item.cluster.id}
          csrfToken={me.csrfToken}
          namespace={item.namespace}
          initial={ingressValuesOf(parseYaml(yaml) as Parameters<typeof ingressValuesOf>[0])}
          canSubmit={me.organization.role !== 'viewer'}
        />
      </>
    );
  }
  const svc = item.kind === 'Service' ? (parseYaml(yaml) as Parameters<typeof serviceValuesOf>[0] & { spec?: { type?: string } }) : null;
  if (!svc || svc.spec?.type === 'ExternalName') redirect(`/objects/${id}/yaml`);
  return (
    <>
      <ObjectChangeHeader title={`Edit ${item.name}`} item={item} />
      <ServiceForm clusterId={item.cluster.id} csrfToken={me.csrfToken} namespace={item.namespace} initial={serviceValuesOf(svc)} canSubmit={me.organization.role !== 'viewer'} />
    </>
  );
}
