import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

/** A titled white panel; `aria-labelledby` ties the landmark to its heading. */
export function Section({
  id,
  title,
  description,
  actions,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={cx('rounded-lg border border-zinc-200 bg-white shadow-xs', className)}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div>
          <h2 id={`${id}-title`} className="text-[15px] font-semibold text-zinc-900">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-zinc-600">{description}</p>}
        </div>
        {actions}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
