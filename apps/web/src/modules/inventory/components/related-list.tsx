import Link from 'next/link';
import type { TObjectRef, TObjectRelation } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { objectHref } from './cells';

/** Each relation's heading, in the order the groups are shown (what the object reaches, then what reaches it). */
const HEADINGS: Record<TObjectRelation, string> = {
  class: 'Class',
  parent: 'Attached to Gateways',
  backend: 'Sends traffic to',
  'tls-secret': 'TLS certificates',
  grants: 'Lets others refer to',
  'permitted-by': 'Crosses namespaces by ReferenceGrant',
  selects: 'Selects workloads',
  endpoint: 'Pods behind the endpoints',
  'selected-by': 'Selected by Services',
  'routed-from': 'Receives traffic from',
  route: 'Routes attached',
  'class-of': 'Used by',
  'tls-for': 'Serves TLS for',
  'granted-by': 'Opened to other namespaces by',
  certificate: 'Managed by cert-manager Certificate',
  secret: 'Fills the Secret',
  issuer: 'Issued by',
  issues: 'Issues Certificates',
};
const ORDER = Object.keys(HEADINGS) as TObjectRelation[];

/**
 * The objects related to this one, grouped by how they relate; a link wherever Portico has a
 * page. A missing object's note is a warning; a Pod's (never synced) is not.
 */
export function RelatedList({ related, namespace }: { related: TObjectRef[]; namespace: string }) {
  if (related.length === 0) return <p className="text-sm text-zinc-500">Nothing related found.</p>;
  const groups = ORDER.map((relation) => ({ relation, refs: related.filter((r) => r.relation === relation) })).filter((g) => g.refs.length > 0);
  return (
    <div className="space-y-4">
      {groups.map(({ relation, refs }) => (
        <div key={relation}>
          <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-zinc-600 uppercase">{HEADINGS[relation]}</h3>
          <ul className="space-y-1.5" aria-label={HEADINGS[relation]}>
            {refs.map((r) => (
              <li key={`${r.kind}/${r.namespace}/${r.name}`} className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
                <Badge>{r.kind}</Badge>
                {r.id ? (
                  <Link href={objectHref(r.id)} className="font-medium break-all text-accent-700 hover:underline">
                    {r.name}
                  </Link>
                ) : (
                  <span className="break-all text-zinc-700">{r.name}</span>
                )}
                {r.namespace && r.namespace !== namespace && <span className="text-xs text-zinc-600">in {r.namespace}</span>}
                {r.note && <span className={r.id || r.relation === 'endpoint' ? 'text-xs text-zinc-600' : 'text-xs font-medium text-amber-800'}>{r.note}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
