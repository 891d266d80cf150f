/**
 * Checks a cluster's API server URL before Portico connects to it. Portico's servers make the
 * request, so a URL pointing at the cloud provider's instance metadata service would let a user
 * read our own cloud credentials (server-side request forgery). These checks are on the literal
 * URL only; after resolving a DNS name, apply `isForbiddenAddress` to every address it returns.
 * @see https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
 * @see https://kubernetes.io/docs/concepts/security/api-server-bypass-risks/
 */
import { BlockList, isIP } from 'node:net';

export type ServerUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * IPv4 ranges of instance metadata services. All of 169.254.0.0/16 (link-local, RFC 3927)
 * because AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle and Tencent put theirs there and no
 * API server is ever reached on it.
 */
const FORBIDDEN_V4: ReadonlyArray<readonly [string, number]> = [
  ['169.254.0.0', 16], // link-local: 169.254.169.254 (AWS, GCP, Azure, OpenStack…), 169.254.0.23 (Tencent)
  ['100.100.100.200', 32], // Alibaba Cloud ECS metadata
  ['192.0.0.192', 32], // Oracle Cloud Infrastructure Classic metadata
];

const FORBIDDEN_V6: ReadonlyArray<readonly [string, number]> = [
  ['fe80::', 10], // link-local, the IPv6 twin of 169.254.0.0/16
  ['fd00:ec2::254', 128], // AWS IMDS over IPv6 (Nitro instances)
];

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

function v4Hex(ip: string): [string, string] {
  const [a, b, c, d] = ip.split('.').map(Number);
  const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
  return [hex(a, b), hex(c, d)];
}

const blockList = (() => {
  const list = new BlockList();
  for (const [addr, prefix] of FORBIDDEN_V4) {
    list.addSubnet(addr, prefix, 'ipv4');
    // BlockList already matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against IPv4 rules. Add the
    // other IPv6 spellings that embed an IPv4 address and may be routed to it: IPv4-compatible
    // (::a.b.c.d, deprecated), NAT64 (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056).
    const [hi, lo] = v4Hex(addr);
    list.addSubnet(`::${hi}:${lo}`, 96 + prefix, 'ipv6');
    list.addSubnet(`64:ff9b::${hi}:${lo}`, 96 + prefix, 'ipv6');
    list.addSubnet(`2002:${hi}:${lo}::`, 16 + prefix, 'ipv6');
  }
  for (const [addr, prefix] of FORBIDDEN_V6) list.addSubnet(addr, prefix, 'ipv6');
  return list;
})();

/**
 * Whether an IP address (v4 or v6, brackets and zone id allowed) belongs to a cloud metadata
 * service or the link-local range. Returns false for anything that is not an IP address.
 */
export function isForbiddenAddress(ip: string): boolean {
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return false;
  return blockList.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

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
