/**
 * A request the equivalence table sends to both sides, and the one way both sides write where
 * it ends, so that "equal" is a string comparison.
 */
export interface Probe {
  scheme: 'http' | 'https';
  host: string;
  path: string;
}

export const NOT_FOUND = '404';

export const formatBackend = (backend: string, forwardedPath: string) => `${backend} ${forwardedPath}`;

export function formatRedirect(code: number, scheme: string, host: string, path: string, port?: number): string {
  const defaultPort = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${code} → ${scheme}://${host}${port && !defaultPort ? `:${port}` : ''}${path}`;
}
