import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

const tones = {
  error: 'border-red-200 bg-red-50 text-red-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  warning: 'border-amber-200 bg-amber-50 text-amber-900',
  info: 'border-zinc-200 bg-zinc-50 text-zinc-700',
} as const;

/**
 * A message box. Errors use `role="alert"` (announced at once); the others `role="status"`.
 * Render it inside an always-present live region when it appears after an async action.
 */
export function Alert({ tone = 'info', title, children, className }: { tone?: keyof typeof tones; title?: string; children?: ReactNode; className?: string }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cx('rounded-md border px-3 py-2.5 text-sm', tones[tone], className)}>
      {title && <p className="font-medium">{title}</p>}
      {children && <div className={cx(title && 'mt-0.5')}>{children}</div>}
    </div>
  );
}

export interface InlineMessageValue {
  tone: 'error' | 'ok';
  text: string;
}

/** A one-line result of an action in a list (revoked, updated, failed), announced to screen readers. */
export function InlineMessage({ message }: { message: InlineMessageValue | null }) {
  return (
    <div aria-live="polite" className="not-empty:mb-4">
      {message && (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-sm font-medium text-red-700' : 'text-sm text-emerald-700'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
