import type { Metadata } from 'next';
import { requireMe } from '@/modules/auth/lib/get-me';
import { DeleteForm } from '@/modules/changes/components/delete-form';
import { ObjectChangeHeader } from '@/modules/changes/components/object-change-header';
import { getEditableObject, isEditableKind } from '@/modules/changes/lib/get-editable-object';
import { LoadError } from '@/modules/changes/components/load-error';
import { Alert } from '@/modules/ui/components/alert';

export const metadata: Metadata = { title: 'Delete' };

export default async function DeleteObjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [me, res] = await Promise.all([requireMe(), getEditableObject(id)]);
  if (!res.ok) return <LoadError title="Delete" what="this object" problem={res.problem} />;
  const { item } = res.data;
  if (!isEditableKind(item.kind)) {
    return (
      <>
        <ObjectChangeHeader title={`Delete ${item.name}`} item={item} />
        <Alert tone="info">Portico does not delete a {item.kind}.</Alert>
      </>
    );
  }
  return (
    <>
      <ObjectChangeHeader title={`Delete ${item.name}`} item={item} description="Preview first: it lists what stops resolving." />
      <DeleteForm clusterId={item.cluster.id} csrfToken={me.csrfToken} target={{ kind: item.kind, namespace: item.namespace, name: item.name }} canSubmit={me.organization.role !== 'viewer'} />
    </>
  );
}
