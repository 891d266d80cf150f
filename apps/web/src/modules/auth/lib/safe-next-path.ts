/**
 * Where to go after signing in. Only same-origin paths are accepted, so `?next=` cannot send
 * a freshly signed-in user to another site (open redirect).
 */
export function safeNextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point.
  if (/[\u0000-\u001f]/.test(value)) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/api/')) return '/';
  return value;
}

/** `/login?next=<path>` for a visitor who must sign in first. */
export function loginUrl(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
