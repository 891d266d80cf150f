import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

/** One entry of a `<dl>` of facts (a profile, an organization, an e-mail): a small label over its value. */
export function Term({ label, className, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className={cx('mt-1', className)}>{children}</dd>
    </div>
  );
}
