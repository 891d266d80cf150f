/**
 * The portal's Content-Security-Policy. Scripts run only with this response's nonce
 * ('strict-dynamic' lets Next's own chunk loader add the scripts it needs), so an injected
 * `<script>` or event-handler attribute does nothing; `frame-ancestors 'none'` keeps the portal
 * (which shows tokens and passwords once) out of other sites' frames. Styles stay
 * 'unsafe-inline': React writes `style` attributes (progress bars) and they cannot carry a nonce.
 * @see https://nextjs.org/docs/app/guides/content-security-policy
 * @see https://www.w3.org/TR/CSP3/#strict-dynamic-usage
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  // Next's development server evaluates code for fast refresh; production never needs eval.
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** 16 random bytes, base64: unguessable and new for every page view. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
