'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { routes, type TOrganizationSummary } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { Icon } from '@/modules/ui/components/icons';
import { RoleBadge } from '@/modules/ui/components/role-badge';

/** Switches the session's current organization, then re-renders every server component. */
export function OrgSwitcher({ current, organizations, csrfToken }: { current: TOrganizationSummary; organizations: TOrganizationSummary[]; csrfToken?: string }) {
  const router = useRouter();
  const [selected, setSelected] = useState(current.id);
  const [message, setMessage] = useState<{ tone: 'error' | 'status'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();

  async function onChange(organizationId: string) {
    const target = organizations.find((o) => o.id === organizationId);
    setSelected(organizationId);
    setBusy(true);
    setMessage(null);
    const res = await apiCall(routes.switchOrganization, { body: { organizationId }, csrfToken });
    setBusy(false);
    if (!res.ok) {
      setSelected(current.id);
      setMessage({ tone: 'error', text: problemMessage(res.problem) });
      return;
    }
    setMessage({ tone: 'status', text: `Switched to ${target?.name ?? 'the organization'}.` });
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="org-switcher" className="sr-only">
        Organization
      </label>
      <div className="relative min-w-0">
        <select
          id="org-switcher"
          value={selected}
          disabled={organizations.length < 2}
          aria-busy={busy}
          onChange={(e) => onChange(e.target.value)}
          className="h-8 w-full max-w-64 min-w-0 appearance-none truncate rounded-md border border-zinc-200 bg-white py-1 pr-8 pl-2.5 text-sm font-medium text-zinc-800 shadow-xs hover:bg-zinc-50 focus:outline-2 focus:outline-offset-1 focus:outline-accent-600 disabled:opacity-100"
        >
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <Icon name="chevronDown" className="pointer-events-none absolute top-2 right-2 size-4 text-zinc-400" />
      </div>
      <span className="hidden sm:inline-flex">
        <RoleBadge role={current.role} />
        <span className="sr-only"> role in {current.name}</span>
      </span>
      <p aria-live="polite" className={message?.tone === 'error' ? 'text-xs text-red-700' : 'sr-only'} role={message?.tone === 'error' ? 'alert' : undefined}>
        {message?.text}
      </p>
    </div>
  );
}
