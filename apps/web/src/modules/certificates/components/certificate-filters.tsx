import Link from 'next/link';
import { CERTIFICATE_STATES, CERTIFICATE_STATE_LABELS } from '@portico/contracts';
import { buttonClass } from '@/modules/ui/components/button';
import { inputClass, selectClass } from '@/modules/ui/components/field';
import { cx } from '@/modules/ui/lib/cx';
import type { CertificateListParams } from '../lib/certificate-query';

/**
 * The fleet list's filters as a plain GET form: it works before (and without) hydration, and
 * the URL is the state, so links and reloads show the same list. `errors` are the API's words.
 */
export function CertificateFilters({ params, clusters, errors }: { params: CertificateListParams; clusters: { id: string; name: string }[]; errors: Record<string, string> }) {
  const field = (id: string, label: string, input: React.ReactNode, width: string) => (
    <div className={cx('space-y-1', width)}>
      <label htmlFor={`filter-${id}`} className="block text-xs font-medium text-zinc-600">
        {label}
      </label>
      {input}
      {errors[id] && (
        <p id={`filter-${id}-error`} className="text-xs text-red-700">
          {errors[id]}
        </p>
      )}
    </div>
  );
  const text = (id: 'namespace' | 'owner' | 'q', placeholder: string) => (
    <input
      id={`filter-${id}`}
      name={id}
      defaultValue={params[id] ?? ''}
      placeholder={placeholder}
      aria-invalid={errors[id] ? true : undefined}
      aria-describedby={errors[id] ? `filter-${id}-error` : undefined}
      className={cx(inputClass, 'h-8 py-1')}
    />
  );
  return (
    <form method="get" action="/certificates" role="search" aria-label="Filter certificates" className="flex flex-wrap items-end gap-x-3 gap-y-3">
      {params.sort !== 'daysLeft' && <input type="hidden" name="sort" value={params.sort} />}
      {field(
        'cluster',
        'Cluster',
        <select id="filter-cluster" name="cluster" defaultValue={params.cluster ?? ''} className={cx(selectClass, 'h-8 py-1')}>
          <option value="">All clusters</option>
          {clusters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>,
        'w-40',
      )}
      {field('namespace', 'Namespace', text('namespace', 'any'), 'w-32')}
      {field(
        'state',
        'State',
        <select id="filter-state" name="state" defaultValue={params.state ?? ''} className={cx(selectClass, 'h-8 py-1')}>
          <option value="">Any state</option>
          {CERTIFICATE_STATES.map((s) => (
            <option key={s} value={s}>
              {CERTIFICATE_STATE_LABELS[s]}
            </option>
          ))}
        </select>,
        'w-48',
      )}
      {field('owner', 'Owner', text('owner', 'any'), 'w-32')}
      {field('q', 'Search', text('q', 'name or DNS name'), 'min-w-32 flex-1')}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass('primary', 'sm')}>
          Apply
        </button>
        {(params.cluster || params.namespace || params.state || params.owner || params.q) && (
          <Link href="/certificates" className={buttonClass('ghost', 'sm')}>
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
