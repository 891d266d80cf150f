import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';

/**
 * An honest placeholder for a screen whose data is not served yet: what will be here, and
 * where it will come from.
 */
export function EmptyState({ icon, title, children, source }: { icon: IconName; title: string; children: ReactNode; source?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">
        <Icon name={icon} className="size-5" />
      </div>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl space-y-2 text-sm text-zinc-600">{children}</div>
      {source && <div className="mx-auto mt-5 max-w-xl text-xs text-zinc-500">{source}</div>}
    </div>
  );
}
