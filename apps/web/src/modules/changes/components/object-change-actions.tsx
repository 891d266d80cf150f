import Link from 'next/link';
import { buttonClass } from '@/modules/ui/components/button';

/** The change buttons of an editable object's page: the Service form, YAML for any editable kind, delete. */
export function ObjectChangeActions({ id, kind }: { id: string; kind: string }) {
  return (
    <>
      {kind === 'Service' && (
        <Link href={`/objects/${id}/edit`} className={buttonClass('primary')}>
          Edit
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
