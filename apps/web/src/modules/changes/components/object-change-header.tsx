import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/modules/ui/components/badge';
import { PageHeader } from '@/modules/ui/components/page-header';

/** The header of a page that changes one object: back to its page, what and where. */
export function ObjectChangeHeader({
  title,
  item,
  description,
}: {
  title: string;
  item: { id: string; kind: string; namespace: string; name: string; cluster: { name: string } };
  description?: ReactNode;
}) {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/objects/${item.id}`} className="text-zinc-500 hover:text-zinc-900 hover:underline">
          ← {item.kind} {item.name}
        </Link>
      </p>
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Badge tone="accent">{item.kind}</Badge>
            {item.namespace && <span>namespace {item.namespace}</span>}
            <span>cluster {item.cluster.name}</span>
            {description}
          </span>
        }
      />
    </>
  );
}
