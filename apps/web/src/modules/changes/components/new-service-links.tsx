import Link from 'next/link';
import { buttonClass } from '@/modules/ui/components/button';

/**
 * "Expose" and "New Service" from the Services list, into the cluster the list shows (or the
 * only one there is); with several clusters and no filter, the person picks a cluster first.
 */
export function NewServiceLinks({ clusterId, namespace }: { clusterId: string | null; namespace?: string }) {
  if (!clusterId) return <p className="text-xs text-zinc-500">Filter by a cluster to expose a workload or create a Service.</p>;
  const ns = namespace ? `?namespace=${encodeURIComponent(namespace)}` : '';
  return (
    <>
      <Link href={`/clusters/${clusterId}/expose${ns}`} className={buttonClass('primary')}>
        Expose
      </Link>
      <Link href={`/clusters/${clusterId}/services/new${ns}`} className={buttonClass()}>
        New Service
      </Link>
    </>
  );
}
