'use client';

import { useState, useTransition, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from '@/modules/ui/components/button';
import { inputClass, selectClass } from '@/modules/ui/components/field';
import { cx } from '@/modules/ui/lib/cx';
import { SERVICE_TYPES, type FilterKey } from '../lib/inventory-query';

export interface FilterBarProps {
  basePath: string;
  fields: readonly FilterKey[];
  values: Partial<Record<FilterKey, string>>;
  /** Kept across filter changes (sort, tab); the cursor is dropped: new filters start at page 1. */
  keep: Record<string, string | undefined>;
  clusters: Array<{ id: string; name: string }>;
  errors: Partial<Record<FilterKey, string>>;
  /** Extra words for the class filter (Ingress class / GatewayClass). */
  classLabel?: string;
  noun: string;
}

const labels: Record<FilterKey, string> = { cluster: 'Cluster', namespace: 'Namespace', type: 'Type', class: 'Class', host: 'Host', label: 'Label selector', q: 'Search' };
const placeholders: Partial<Record<FilterKey, string>> = { namespace: 'any', host: 'app.example.com or *.example.com', label: 'app=web,tier!=cache', class: 'any' };
// Sized so the widest bar (Ingresses: six fields, Apply and "Clear filters") is one row at 1440 px.
const widths: Record<FilterKey, string> = { cluster: 'w-40', namespace: 'w-32', type: 'w-36', class: 'w-28', host: 'w-44', label: 'w-44', q: 'min-w-32 flex-1' };

/**
 * The filter bar of an inventory list, bound to the URL: applying it navigates (so back/forward,
 * reloads and shared links show the same list). Works as a plain GET form before hydration.
 */
export function InventoryFilters({ basePath, fields, values, keep, clusters, errors, classLabel, noun }: FilterBarProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState(values);

  function go(next: Partial<Record<FilterKey, string>>) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(keep)) if (v) qs.set(k, v);
    for (const f of fields) {
      const v = next[f]?.trim();
      if (v) qs.set(f, v);
    }
    const s = qs.toString();
    startTransition(() => router.push(s ? `${basePath}?${s}` : basePath));
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    go(draft);
  }

  function set(key: FilterKey, value: string, apply = false) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (apply) go(next);
  }

  const id = (f: FilterKey) => `filter-${f}`;
  const anyActive = fields.some((f) => values[f]);
  const label = (f: FilterKey) => (f === 'class' && classLabel ? classLabel : labels[f]);

  return (
    <form method="get" action={basePath} onSubmit={onSubmit} role="search" aria-label={`Filter ${noun}`} className="flex flex-wrap items-end gap-x-3 gap-y-3">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {fields.map((f) => (
        <div key={f} className={cx('space-y-1', widths[f])}>
          <label htmlFor={id(f)} className="block text-xs font-medium text-zinc-600">
            {label(f)}
          </label>
          {f === 'cluster' ? (
            <select id={id(f)} name={f} value={draft.cluster ?? ''} onChange={(e) => set(f, e.target.value, true)} className={cx(selectClass, 'h-8 py-1')}>
              <option value="">All clusters</option>
              {clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          ) : f === 'type' ? (
            <select id={id(f)} name={f} value={draft.type ?? ''} onChange={(e) => set(f, e.target.value, true)} className={cx(selectClass, 'h-8 py-1')}>
              <option value="">All types</option>
              {SERVICE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id(f)}
              name={f}
              type={f === 'q' ? 'search' : 'text'}
              value={draft[f] ?? ''}
              onChange={(e) => set(f, e.target.value)}
              placeholder={f === 'q' ? `Name, host or DNS name contains…` : placeholders[f]}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={errors[f] ? true : undefined}
              aria-describedby={errors[f] ? `${id(f)}-error` : undefined}
              className={cx(inputClass, 'h-8 py-1', f === 'label' && 'font-mono text-[13px]')}
            />
          )}
        </div>
      ))}
      <div className="flex shrink-0 items-center gap-2 whitespace-nowrap">
        <Button type="submit" size="sm" variant="primary" disabled={pending}>
          {pending ? 'Loading…' : 'Apply'}
        </Button>
        {anyActive && (
          <Link
            href={basePath + (keep.tab ? `?tab=${encodeURIComponent(keep.tab)}` : '')}
            onClick={() => setDraft({})}
            className="rounded-md px-2 py-1 text-[13px] text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
          >
            Clear filters
          </Link>
        )}
      </div>
      {fields.map((f) =>
        errors[f] ? (
          <p key={f} id={`${id(f)}-error`} role="alert" className="w-full text-xs font-medium text-red-700">
            {label(f)}: {errors[f]}
          </p>
        ) : null,
      )}
    </form>
  );
}
