'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { routes, type TSearchResult } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { cx } from '@/modules/ui/lib/cx';
import { groupResults } from '../lib/group-results';
import { targetHref } from '../lib/overview-links';

/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 200;
const MIN_CHARS = 2;

const MATCH_WORDS: Record<TSearchResult['matched'], string> = { name: 'name', host: 'host', address: 'address', 'dns-name': 'DNS name' };

/**
 * Cross-cluster search in the header (issue 14): name, host, IP address or DNS name; results
 * grouped by kind. The WAI-ARIA combobox pattern with a listbox popup: arrows move, Enter opens,
 * Escape closes then clears; focus stays in the input (aria-activedescendant).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/
 */
export function HeaderSearch() {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-results`;
  const [q, setQ] = useState('');
  const [items, setItems] = useState<TSearchResult[]>([]);
  const [status, setStatus] = useState<{ text: string } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [phoneOpen, setPhoneOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // The answer to an older query must not replace a newer one's.
  const latest = useRef(0);

  useEffect(() => {
    const query = q.trim();
    if (query.length < MIN_CHARS) return;
    const call = ++latest.current;
    const run = async () => {
      const res = await apiCall(routes.search, { query: { q: query } });
      if (call !== latest.current) return;
      if (!res.ok) {
        setItems([]);
        setStatus({ text: problemMessage(res.problem) });
      } else {
        setItems(res.data.items);
        const n = res.data.items.length;
        setStatus({ text: n ? `${n}${res.data.truncated ? '+' : ''} ${n === 1 && !res.data.truncated ? 'result' : 'results'}` : `Nothing matches “${query}”.` });
      }
      setActive(-1);
    };
    const timer = setTimeout(() => void run(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const groups = groupResults(items);
  const flat = groups.flatMap((g) => g.items);
  const expanded = open && q.trim().length >= MIN_CHARS && status !== null;
  const optionId = (i: number) => `${id}-option-${i}`;

  function go(item: TSearchResult | undefined) {
    if (!item) return;
    setOpen(false);
    setPhoneOpen(false);
    setQ('');
    setItems([]);
    setStatus(null);
    router.push(targetHref(item));
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (!flat.length) return;
      const last = flat.length - 1;
      setActive((a) => (e.key === 'ArrowDown' ? (a >= last ? 0 : a + 1) : a <= 0 ? last : a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(flat[active >= 0 && active < flat.length ? active : 0]);
    } else if (e.key === 'Escape') {
      if (expanded) setOpen(false);
      else if (q) setQ('');
      else setPhoneOpen(false);
      setActive(-1);
    }
  }

  let index = -1;
  return (
    <div className="flex-1 sm:relative sm:max-w-sm">
      {/* Phones have no room in the header for a box: a button opens it as a bar under the header. */}
      <button
        type="button"
        aria-expanded={phoneOpen}
        aria-controls={`${id}-bar`}
        onClick={() => {
          setPhoneOpen((v) => !v);
          requestAnimationFrame(() => inputRef.current?.focus());
        }}
        className="ml-auto block rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-accent-600 sm:hidden"
      >
        Search
      </button>
      <div
        id={`${id}-bar`}
        role="search"
        aria-label="All clusters"
        className={cx(
          'sm:relative',
          phoneOpen ? 'max-sm:absolute max-sm:inset-x-0 max-sm:top-full max-sm:border-b max-sm:border-zinc-200 max-sm:bg-white max-sm:p-3 max-sm:shadow-md' : 'max-sm:hidden',
        )}
      >
        <label htmlFor={`${id}-input`} className="sr-only">
          Search all clusters
        </label>
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 && active < flat.length ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search name, host, IP…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
            if (e.target.value.trim().length < MIN_CHARS) setStatus(null);
          }}
          onFocus={() => setOpen(true)}
          ref={inputRef}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 focus-visible:outline-2 focus-visible:outline-accent-600"
        />
        <div
          className={cx(
            'absolute top-full z-40 mt-1 max-h-[70vh] overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 shadow-lg max-sm:inset-x-3 sm:left-0 sm:w-[28rem]',
            !expanded && 'hidden',
          )}
        >
          <p aria-live="polite" className="px-3 py-1.5 text-xs text-zinc-600">
            {expanded ? status?.text : ''}
          </p>
          <ul id={listId} role="listbox" aria-label="Search results">
            {groups.map((g) => (
              <li key={g.kind} role="presentation">
                <div id={`${id}-group-${g.kind}`} role="presentation" className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-zinc-700 uppercase">
                  {g.label}
                </div>
                <ul role="group" aria-labelledby={`${id}-group-${g.kind}`}>
                  {g.items.map((item) => {
                    const i = ++index;
                    return (
                      <li
                        key={`${item.type}-${item.id}`}
                        id={optionId(i)}
                        role="option"
                        aria-selected={i === active}
                        // mousedown, not click: the input's blur would close the list first.
                        onMouseDown={(e) => {
                          e.preventDefault();
                          go(item);
                        }}
                        onMouseMove={() => setActive(i)}
                        className={cx('cursor-pointer px-3 py-1.5 text-sm', i === active ? 'bg-accent-50' : 'hover:bg-zinc-50')}
                      >
                        <span className="block font-medium break-all text-zinc-900">
                          {item.namespace ? `${item.namespace}/` : ''}
                          {item.name}
                        </span>
                        <span className="block text-xs break-all text-zinc-600">
                          {item.clusterName}
                          {item.matched !== 'name' ? ` · ${MATCH_WORDS[item.matched]} ${item.match}` : ''}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
