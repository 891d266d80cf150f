'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { routes, type TMe } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { Icon } from '@/modules/ui/components/icons';

function initials(name: string, email: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length >= 2 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

/** Disclosure menu: who you are, Account, Sign out. Escape and outside clicks close it. */
export function UserMenu({ me }: { me: TMe }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        trigger.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  async function signOut() {
    setSigningOut(true);
    setError(null);
    const res = await apiCall(routes.logout, { csrfToken: me.csrfToken });
    // 401 means the session was already gone: the result is the same.
    if (res.ok || res.status === 401) {
      window.location.assign('/login');
      return;
    }
    setSigningOut(false);
    setError(problemMessage(res.problem));
  }

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-full py-0.5 pr-2 pl-0.5 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-600"
      >
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-accent-600 text-[11px] font-semibold text-white">
          {initials(me.user.name, me.user.email)}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{me.user.name}</span>
        <span className="sr-only">Account menu</span>
        <Icon name="chevronDown" className="size-4 text-zinc-400" />
      </button>
      <div id="user-menu" hidden={!open} className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg">
        <div className="border-b border-zinc-100 px-3 py-2.5">
          <p className="truncate text-sm font-medium text-zinc-900">{me.user.name}</p>
          <p className="truncate text-xs text-zinc-500">{me.user.email}</p>
          <p className="mt-1.5 flex items-center gap-1.5 text-xs text-zinc-500">
            <span className="truncate">{me.organization.name}</span> <RoleBadge role={me.organization.role} />
          </p>
        </div>
        <Link
          href="/account"
          onClick={() => setOpen(false)}
          className="mt-1 flex items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent-600"
        >
          <Icon name="account" className="size-4 text-zinc-400" /> Account &amp; API tokens
        </Link>
        <button
          type="button"
          onClick={signOut}
          disabled={signingOut}
          className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent-600 disabled:opacity-60"
        >
          <Icon name="logout" className="size-4 text-zinc-400" /> {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
        <div aria-live="polite">
          {error && (
            <p role="alert" className="px-3 py-2 text-xs text-red-700">
              {error}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
