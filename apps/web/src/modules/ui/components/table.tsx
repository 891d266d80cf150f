import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cx } from '../lib/cx';

/** A table that scrolls sideways on narrow screens instead of squashing columns. */
export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    // `relative`: sr-only cells are absolutely positioned and must not widen the page.
    <div className="relative -mx-5 overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-sm">
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cx('border-b border-zinc-200 bg-zinc-50/70 px-3 py-2 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase first:pl-5 last:pr-5', className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx('border-b border-zinc-100 px-3 py-3 align-middle text-zinc-700 first:pl-5 last:pr-5', className)} {...props} />;
}
