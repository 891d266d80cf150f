'use client';

import { useRef } from 'react';
import { YamlLines } from './code-views';

/**
 * A YAML textarea with syntax highlighting: the text is typed in a transparent textarea laid
 * over a highlighted copy of it (same font, padding and scroll). No runtime dependency and no
 * injected styles, so it works under the portal's nonce-based CSP; the browser's own editing,
 * undo and accessibility stay as they are for any textarea.
 */
export function YamlEditor({
  id,
  name,
  value,
  onChange,
  invalid,
  describedBy,
  rows = 28,
}: {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  describedBy?: string;
  rows?: number;
}) {
  const highlight = useRef<HTMLPreElement>(null);
  const syncScroll = (el: HTMLTextAreaElement) => {
    if (!highlight.current) return;
    highlight.current.scrollTop = el.scrollTop;
    highlight.current.scrollLeft = el.scrollLeft;
  };
  const box = 'm-0 px-4 py-3 font-mono text-[12.5px] leading-5 whitespace-pre';
  return (
    <div className={`relative overflow-hidden rounded-md border bg-zinc-950 ${invalid ? 'border-red-500' : 'border-zinc-700'}`} style={{ height: `${rows * 1.25 + 1.5}rem` }}>
      <pre ref={highlight} aria-hidden="true" className={`${box} pointer-events-none absolute inset-0 overflow-hidden`}>
        <YamlLines text={value.endsWith('\n') ? `${value} ` : value} />
      </pre>
      <textarea
        id={id}
        name={name}
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => syncScroll(e.currentTarget)}
        onKeyDown={(e) => {
          // Tab indents by two spaces (YAML has no tabs); Escape then Tab leaves the editor, for keyboard users.
          if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
          const el = e.currentTarget;
          if (el.dataset.escaped === '1') return;
          e.preventDefault();
          const { selectionStart: s, selectionEnd: end } = el;
          onChange(`${value.slice(0, s)}  ${value.slice(end)}`);
          requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
        }}
        onKeyUp={(e) => {
          e.currentTarget.dataset.escaped = e.key === 'Escape' ? '1' : '';
        }}
        className={`${box} absolute inset-0 size-full resize-none overflow-auto bg-transparent text-transparent caret-white outline-none selection:bg-sky-500/40 focus-visible:outline-2 focus-visible:outline-accent-500`}
      />
    </div>
  );
}
