import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cx } from '../lib/cx';

/**
 * A table that scrolls sideways on narrow screens instead of squashing columns — or, with
 * `stackOnPhone`, turns each row into a card below the `md` breakpoint (one line per cell,
 * labelled by its `Td label`), so a phone never scrolls the page sideways to reach the
 * ports, endpoints or TLS columns. The markup stays one table: screen readers and tests see the
 * same rows and cells at every width.
 */
export function Table({ label, children, stackOnPhone = false }: { label: string; children: ReactNode; stackOnPhone?: boolean }) {
  return (
    // `relative`: sr-only cells are absolutely positioned and must not widen the page. Focusable,
    // so a keyboard can scroll it too (WCAG 2.1.1; axe `scrollable-region-focusable`).
    <div
      role="group"
      aria-label={label}
      tabIndex={0}
      className={cx('relative -mx-5 focus-visible:outline-2 focus-visible:outline-accent-600', stackOnPhone ? 'md:overflow-x-auto' : 'overflow-x-auto')}
    >
      <table
        aria-label={label}
        // `table-stack` (globals.css): rows as cards below 48rem.
        className={cx('w-full border-collapse text-left text-sm', stackOnPhone && 'table-stack')}
      >
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cx('border-b border-zinc-200 bg-zinc-50/70 px-3 py-2 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-600 uppercase first:pl-5 last:pr-5', className)}
      {...props}
    />
  );
}

/** The header of a row-actions column: named for screen readers, blank on screen. */
export function ActionsTh() {
  return (
    <Th>
      <span className="sr-only">Actions</span>
    </Th>
  );
}

/**
 * A cell. `label` is its column's name, shown before the value when the row is a card
 * (`Table stackOnPhone`); the first cell of a row is the card's title and has none.
 */
export function Td({ className, label, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { label?: string }) {
  return <td data-label={label} className={cx('border-b border-zinc-100 px-3 py-3 align-middle text-zinc-700 first:pl-5 last:pr-5', className)} {...props} />;
}
