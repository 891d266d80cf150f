import type { Metadata } from 'next';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ObjectChangeHeader } from '@/modules/changes/components/object-change-header';
import { YamlForm } from '@/modules/changes/components/yaml-form';
import { editableYaml } from '@/modules/changes/lib/editable-yaml';
import { getEditableObject, isEditableKind } from '@/modules/changes/lib/get-editable-object';
import { LoadError } from '@/modules/changes/components/load-error';
import { Alert } from '@/modules/ui/components/alert';

export const metadata: Metadata = { title: 'Edit as YAML' };

export default async function EditYamlPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, res] = await Promise.all([requireMe(), getEditableObject(id)]);
  if (!res.ok) return <LoadError title="Edit as YAML" what="this object" problem={res.problem} />;
  const { item, yaml } = res.data;
  return (
    <>
      <ObjectChangeHeader title={`Edit ${item.name} as YAML`} item={item} />
      {isEditableKind(item.kind) ? (
        <YamlForm clusterId={item.cluster.id} csrfToken={me.csrfToken} initial={editableYaml(yaml)} canSubmit={me.organization.role !== 'viewer'} />
      ) : (
        <Alert tone="info">Portico edits Services, Ingresses, IngressClasses, NetworkPolicies, Gateway API objects and cert-manager Certificates and Issuers; a {item.kind} is read only here.</Alert>
      )}
    </>
  );
}
