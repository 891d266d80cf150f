import Link from 'next/link';

/** The link above a page that works in one cluster (a new object's editor), back to the cluster. */
export function BackToCluster({ id, name }: { id: string; name: string }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={`/clusters/${id}`} className="text-zinc-500 hover:text-zinc-900 hover:underline">
        ← {name}
      </Link>
    </p>
  );
}
