import Link from 'next/link';
import type { ReactNode } from 'react';
import type { TMe } from '@portico/contracts';
import { HeaderSearch } from '@/modules/overview/components/header-search';
import { Icon } from '@/modules/ui/components/icons';
import { AppNav } from './app-nav';
import { NavMenuButton, NavMenuProvider } from './nav-menu';
import { OrgSwitcher } from './org-switcher';
import { UserMenu } from './user-menu';

/** Header (product, organization, user) + left navigation + the page. */
export function AppShell({ me, children }: { me: TMe; children: ReactNode }) {
  return (
    <NavMenuProvider>
      <div className="min-h-dvh">
        <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
          Skip to content
        </a>
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-zinc-200 bg-white/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-white/80">
          <NavMenuButton />
          <Link
            href="/"
            className="flex shrink-0 items-center gap-2 rounded-md text-[15px] font-semibold tracking-tight text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
          >
            <span className="flex size-7 items-center justify-center rounded-md bg-zinc-900 text-white">
              <Icon name="logo" className="size-4" />
            </span>
            {/* On phones the logo alone, so the organization's name has room. */}
            <span className="max-sm:sr-only">Portico</span>
          </Link>
          <span aria-hidden="true" className="hidden text-lg font-light text-zinc-300 sm:inline">
            /
          </span>
          <OrgSwitcher key={me.organization.id} current={me.organization} organizations={me.organizations} csrfToken={me.csrfToken} />
          <HeaderSearch />
          <div className="ml-auto flex shrink-0 items-center gap-2">
            <a href="/api/docs" className="hidden rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent-600 sm:block">
              API docs
            </a>
            <UserMenu me={me} />
          </div>
        </header>
        <div className="md:flex md:min-h-[calc(100dvh-3.5rem)]">
          <AppNav isAdmin={me.organization.role === 'admin'} />
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-10 md:py-8">
            <div className="mx-auto max-w-6xl">{children}</div>
          </main>
        </div>
      </div>
    </NavMenuProvider>
  );
}
