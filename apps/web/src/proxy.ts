import { NextResponse, type NextRequest } from 'next/server';
import { PATH_HEADER } from '@/modules/auth/lib/path-header';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Set, never trusted from the client.
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: the `/api/*` proxy and static assets skip it.
  matcher: ['/((?!api/|_next/|favicon.ico).*)'],
};
