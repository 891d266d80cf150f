import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { routes, type TMe } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { loginUrl } from './safe-next-path';
import { PATH_HEADER } from './path-header';

/** `GET /api/v1/me` for this request, asked once however many components need it. */
export const getMe = cache(() => apiGet(routes.me));

/** The signed-in caller; anyone else is sent to `/login?next=<this page>`. */
export async function requireMe(): Promise<TMe> {
  const me = await getMe();
  if (me.ok) return me.data;
  if (me.status === 401) redirect(loginUrl((await headers()).get(PATH_HEADER)));
  throw new Error(problemMessage(me.problem));
}
