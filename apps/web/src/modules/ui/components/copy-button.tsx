'use client';

import { useState } from 'react';
import { Icon } from './icons';
import { cx } from '../lib/cx';

/** A small icon button that copies `value`; for values shown inline (DNS names, YAML). */
export function CopyButton({ value, label, className, showText = false }: { value: string; label: string; className?: string; showText?: boolean }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 2000);
  }

  return (
    <button
      type="button"
      onClick={copy}
      title={state === 'failed' ? 'Copy is not available here: select the text and press Ctrl+C' : label}
      className={cx(
        'inline-flex shrink-0 items-center gap-1 rounded px-1 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent-600',
        className,
      )}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} className="size-3.5" />
      {showText ? <span>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and press Ctrl+C' : 'Copy'}</span> : null}
      <span className="sr-only">{showText ? ` ${label}` : state === 'copied' ? `${label}: copied` : label}</span>
    </button>
  );
}
