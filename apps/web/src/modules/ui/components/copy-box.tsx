'use client';

import { useState } from 'react';
import { Icon } from './icons';

/** Read-only monospaced value with a Copy button; falls back to selecting the text. */
export function CopyBox({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard needs a secure context; select the text so Ctrl+C works.
      (document.getElementById(id) as HTMLTextAreaElement | null)?.select();
      setCopied('failed');
    }
  }

  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="flex items-stretch overflow-hidden rounded-md border border-zinc-300 bg-zinc-950 shadow-xs">
        <textarea
          id={id}
          readOnly
          value={value}
          rows={value.includes('\n') || value.length > 90 ? 3 : 1}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 resize-none bg-transparent px-3 py-2 font-mono text-[13px] leading-5 [overflow-wrap:anywhere] text-zinc-100 focus:outline-2 focus:-outline-offset-2 focus:outline-accent-400"
        />
        <button
          type="button"
          onClick={copy}
          className="flex shrink-0 items-center gap-1.5 border-l border-zinc-700 bg-zinc-800 px-3 text-[13px] font-medium text-zinc-100 hover:bg-zinc-700 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-400"
        >
          <Icon name={copied === 'yes' ? 'check' : 'copy'} />
          {copied === 'yes' ? 'Copied' : 'Copy'}
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <p aria-live="polite" className="mt-1 min-h-4 text-xs text-zinc-500">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Copy is not available here: the text is selected, press Ctrl+C.'}
      </p>
    </div>
  );
}
