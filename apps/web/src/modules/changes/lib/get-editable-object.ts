import 'server-only';
import { notFound } from 'next/navigation';
import { EDITABLE_KINDS, routes, type TEditableKind } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isEditableKind = (kind: string): kind is TEditableKind => Object.hasOwn(EDITABLE_KINDS, kind);

/** The object a change page edits or deletes (its synced copy); unknown ids are a 404. */
export async function getEditableObject(id: string) {
  if (!UUID.test(id)) notFound();
  const res = await apiGet(routes.getObject, { params: { id } });
  if (!res.ok && res.status === 404) notFound();
  return res;
}
