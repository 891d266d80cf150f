'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon } from '@/modules/ui/components/icons';
import { cx } from '@/modules/ui/lib/cx';
import { activeHref, navGroups } from '../lib/nav-items';

export function AppNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const groups = navGroups.map((g) => ({ ...g, items: g.items.filter((i) => isAdmin || !i.adminOnly) }));
  const active = activeHref(
    pathname,
    groups.flatMap((g) => g.items),
  );

  return (
    <nav aria-label="Main" className="flex gap-6 overflow-x-auto px-3 py-3 md:flex-col md:gap-5 md:overflow-visible md:py-5">
      {groups.map((group) => (
        <div key={group.label} className="flex gap-1 md:block">
          <h2 className="hidden px-2.5 pb-1.5 text-[11px] font-semibold tracking-wider text-zinc-500 uppercase md:block">{group.label}</h2>
          <ul className="flex gap-1 md:block md:space-y-0.5">
            {group.items.map((item) => {
              const current = item.href === active;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? 'page' : undefined}
                    className={cx(
                      'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap transition-colors',
                      'focus-visible:outline-2 focus-visible:-outline-offset-1 focus-visible:outline-accent-600',
                      current ? 'bg-white font-medium text-zinc-900 shadow-xs ring-1 ring-zinc-200' : 'text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900',
                    )}
                  >
                    <Icon name={item.icon} className={cx('size-4 shrink-0', current ? 'text-accent-600' : 'text-zinc-400')} />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
