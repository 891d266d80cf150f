import Link from 'next/link';
import { buttonClass } from '@/modules/ui/components/button';

/** The change buttons of an editable object's page: the Service, Ingress, HTTPRoute or Gateway listener form, YAML for any editable kind, delete. */
export function ObjectChangeActions({ id, kind }: { id: string; kind: string }) {
  return (
    <>
      {(kind === 'Service' || kind === 'Ingress' || kind === 'HTTPRoute' || kind === 'Gateway') && (
        <Link href={`/objects/${id}/edit`} className={buttonClass('primary')}>
          {kind === 'Gateway' ? 'Edit listeners' : 'Edit'}
        </Link>
      )}
      {kind === 'Ingress' && (
        <Link href={`/objects/${id}/migrate`} className={buttonClass()}>
          Migrate to Gateway API
        </Link>
      )}
      <Link href={`/objects/${id}/yaml`} className={buttonClass()}>
        Edit as YAML
      </Link>
      <Link href={`/objects/${id}/delete`} className={buttonClass('danger')}>
        Delete
      </Link>
    </>
  );
}
