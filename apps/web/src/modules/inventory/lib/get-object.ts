import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One inventory object for a page and its metadata, fetched once per request (React `cache`).
 * An id that is not a uuid, or no object of this organization, is `notFound()` — thrown from
 * `generateMetadata` too, so the 404 page's title is not replaced by the page's.
 */
export const getObject = cache(async (id: string) => {
  if (!UUID.test(id)) notFound();
  const res = await apiGet(routes.getObject, { params: { id } });
  if (!res.ok && res.status === 404) notFound();
  return res;
});
