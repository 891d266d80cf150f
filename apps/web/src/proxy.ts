import { NextResponse, type NextRequest } from 'next/server';
import { PATH_HEADER } from '@/modules/auth/lib/path-header';
import { contentSecurityPolicy, newNonce } from '@/modules/shell/lib/content-security-policy';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Set, never trusted from the client.
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const csp = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development' });
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Pages only: the `/api/*` proxy (the API sets its own policy) and static assets skip it.
  matcher: ['/((?!api/|_next/|favicon.ico).*)'],
};
