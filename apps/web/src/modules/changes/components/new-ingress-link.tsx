import Link from 'next/link';
import { buttonClass } from '@/modules/ui/components/button';

/** "New Ingress" from the Ingress & TLS list, into the cluster the list shows (or the only one there is). */
export function NewIngressLink({ clusterId, namespace }: { clusterId: string | null; namespace?: string }) {
  if (!clusterId) return <p className="text-xs text-zinc-500">Filter by a cluster to create an Ingress.</p>;
  const ns = namespace ? `?namespace=${encodeURIComponent(namespace)}` : '';
  return (
    <Link href={`/clusters/${clusterId}/ingresses/new${ns}`} className={buttonClass('primary')}>
      New Ingress
    </Link>
  );
}
