'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon } from '@/modules/ui/components/icons';
import { cx } from '@/modules/ui/lib/cx';
import { activeHref, navGroups } from '../lib/nav-items';
import { NAV_ID, useNavMenu } from './nav-menu';

/** The sidebar: always shown from `md` up; below it, a panel the header's Menu button opens. */
export function AppNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const { open, close } = useNavMenu();
  const groups = navGroups.map((g) => ({ ...g, items: g.items.filter((i) => isAdmin || !i.adminOnly) }));
  const active = activeHref(
    pathname,
    groups.flatMap((g) => g.items),
  );

  return (
    // The aside stretches with the page (background, border); the nav inside stays in view.
    <aside className={cx('border-b border-zinc-200 bg-zinc-100 md:block md:w-60 md:shrink-0 md:border-r md:border-b-0', !open && 'max-md:hidden')}>
      <div className="md:sticky md:top-14 md:max-h-[calc(100dvh-3.5rem)] md:overflow-y-auto">
        <nav id={NAV_ID} aria-label="Main" className="grid gap-5 px-3 py-4 sm:grid-cols-2 md:block md:space-y-5 md:py-5">
          {groups.map((group) => (
            <div key={group.label}>
              <h2 className="px-2.5 pb-1.5 text-[11px] font-semibold tracking-wider text-muted uppercase">{group.label}</h2>
              <ul className="space-y-0.5">
                {group.items.map((item) => {
                  const current = item.href === active;
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={current ? 'page' : undefined}
                        // A phone's menu closes once a page is picked.
                        onClick={() => close()}
                        className={cx(
                          'flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm whitespace-nowrap transition-colors md:py-1.5',
                          'focus-visible:outline-2 focus-visible:-outline-offset-1 focus-visible:outline-accent-600',
                          current ? 'bg-white font-medium text-zinc-900 shadow-xs ring-1 ring-zinc-200' : 'text-zinc-700 hover:bg-zinc-200/60 hover:text-zinc-900',
                        )}
                      >
                        <Icon name={item.icon} className={cx('size-4 shrink-0', current ? 'text-accent-600' : 'text-zinc-500')} />
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
      </div>
    </aside>
  );
}
