'use client';

import { useState } from 'react';
import { problemMessage } from './problem';
import { clientApi } from './client-api';
import type { Schema } from './schema';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated list that starts with the server-rendered first page and appends the
 * following ones on demand (`?cursor=`), as every Portico list endpoint pages.
 */
export function useLoadMore<T>({ initial, path, schema }: { initial: Page<T>; path: string; schema: Schema<Page<T>> }) {
  const [items, setItems] = useState(initial.items);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!nextCursor) return;
    setLoading(true);
    setError(null);
    const url = new URL(path, window.location.origin);
    url.searchParams.set('cursor', nextCursor);
    const res = await clientApi(url.pathname + url.search, { schema });
    setLoading(false);
    if (!res.ok) {
      setError(problemMessage(res.problem));
      return;
    }
    setItems((prev) => [...prev, ...res.data.items]);
    setNextCursor(res.data.nextCursor);
  }

  return { items, setItems, nextCursor, loading, error, loadMore };
}
