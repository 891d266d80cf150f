'use client';

import { useState } from 'react';
import type { RouteContract } from '@portico/contracts';
import { problemMessage } from './problem';
import { callRoute } from './client-api';
import type { QueryOf } from './api-route';
import type { Schema } from './schema';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A catalogue list route: GET, paged by `?cursor=`. */
type PageRoute<T> = RouteContract & { method: 'GET'; query: object; response: Schema<Page<T>> };

/**
 * A cursor-paginated list that starts with the server-rendered first page and appends the
 * following ones on demand (`?cursor=`), as every Portico list endpoint pages.
 */
export function useLoadMore<T, R extends PageRoute<T>>({ initial, route, query }: { initial: Page<T>; route: R; query?: QueryOf<R> }) {
  const [items, setItems] = useState(initial.items);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!nextCursor) return;
    setLoading(true);
    setError(null);
    const res = await callRoute(route, { query: { ...query, cursor: nextCursor } });
    setLoading(false);
    if (!res.ok) {
      setError(problemMessage(res.problem));
      return;
    }
    const page = res.data as Page<T>;
    setItems((prev) => [...prev, ...page.items]);
    setNextCursor(page.nextCursor);
  }

  return { items, setItems, nextCursor, loading, error, loadMore };
}
