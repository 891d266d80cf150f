/**
 * Checks a cluster's API server URL before Portico connects to it. Portico's servers make the
 * request, so a URL pointing at the cloud provider's instance metadata service would let a user
 * read our own cloud credentials (server-side request forgery). These checks are on the literal
 * URL only, for a clear answer at registration; the guard that counts is `./address-policy.ts`,
 * which checks the address each connection really goes to.
 * @see https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
 * @see https://kubernetes.io/docs/concepts/security/api-server-bypass-risks/
 */
import { classifyAddress } from './address-policy.js';

export type ServerUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether an IP address (v4 or v6, brackets and zone id allowed) belongs to a cloud metadata
 * service or the link-local range. Returns false for anything that is not an IP address.
 */
export function isForbiddenAddress(ip: string): boolean {
  return classifyAddress(ip) === 'metadata';
}

/** Names that resolve to a metadata service inside a cloud VM; no cluster is reached by them. */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'metadata', // GCE resolves the short name too
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
  'api.metadata.cloud.ibm.com',
]);

/** Whether a host name is one of the well-known metadata service names (case and trailing dot ignored). */
export function isForbiddenHostname(hostname: string): boolean {
  const name = hostname.trim().toLowerCase().replace(/\.+$/, '');
  return FORBIDDEN_NAMES.has(name) || isForbiddenAddress(name);
}

/**
 * Validates an API server URL typed or pasted by a user. WHATWG URL parsing (Node's `URL`)
 * normalises the tricky IPv4 spellings (`2852039166`, `0xa9fea9fe`, `0251.0376.0251.0376`,
 * `169.254.43518`) to dotted form and IPv6 to its compressed hex form, so the checks see the
 * address the connection would really go to.
 */
export function validateServerUrl(input: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'This is not a valid URL. Use the form https://host:port, as in the `server:` line of your kubeconfig.' };
  }
  if (url.protocol !== 'https:') {
    // A bearer token sent over http can be read by anyone on the path; kubectl refuses too.
    return { ok: false, reason: 'The API server URL must start with https:// — Portico never sends cluster credentials over unencrypted http.' };
  }
  if (url.username || url.password) return { ok: false, reason: 'The API server URL must not contain a user name or password. Put the credentials in the token or kubeconfig instead.' };
  if (!url.hostname) return { ok: false, reason: 'The API server URL has no host name.' };
  if (url.search || url.hash) return { ok: false, reason: 'The API server URL must not contain a query (?…) or fragment (#…).' };
  if (isForbiddenHostname(url.hostname)) {
    return { ok: false, reason: `${url.hostname} is a cloud metadata or link-local address, not a Kubernetes API server; Portico does not connect to it.` };
  }
  return { ok: true, url };
}
