/**
 * Whether a certificate's DNS names cover a host a client will ask for, as browsers match them:
 * case-insensitive; a wildcard `*.example.com` stands for exactly one whole left-most label
 * (`shop.example.com`, not `example.com` nor `a.shop.example.com`). A host that is itself a
 * wildcard (an Ingress rule for `*.example.com`) is covered only by the same wildcard.
 * @see https://www.rfc-editor.org/rfc/rfc6125#section-6.4.3
 */
export function hostCovered(host: string, dnsNames: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return dnsNames.some((name) => {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (n === h) return true;
    if (!n.startsWith('*.') || h.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === n.slice(2);
  });
}
