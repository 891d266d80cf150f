import type { InputHTMLAttributes, ReactNode } from 'react';

export const inputClass =
  'block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 shadow-xs ' +
  'placeholder:text-zinc-500 focus:border-accent-500 focus:outline-2 focus:outline-offset-0 focus:outline-accent-500/30 ' +
  'aria-invalid:border-red-500 aria-invalid:focus:outline-red-500/30 disabled:bg-zinc-50 disabled:text-zinc-500';

export const selectClass = inputClass + ' pr-8';

/**
 * A label, a control and its hint/error. The control must carry `id={id}` and, when there is
 * an error or hint, `aria-describedby={describedBy(id, error, hint)}` and `aria-invalid`.
 */
export function Field({ id, label, hint, error, children, optional }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode; optional?: boolean }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
        {optional && <span className="ml-1 font-normal text-zinc-500">(optional)</span>}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

/**
 * A labelled text input with its hint or error wired for assistive technology (`aria-invalid`,
 * `aria-describedby`), so a form states each field once instead of repeating the wiring.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  ...input
}: { id: string; label: string; hint?: ReactNode; error?: string; optional?: boolean } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={inputClass} {...input} />
    </Field>
  );
}
