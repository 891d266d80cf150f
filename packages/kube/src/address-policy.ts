/**
 * Which IP addresses Portico may connect to when it talks to a cluster, checked on the address
 * the socket is about to connect to — after DNS, inside the connection — not on the URL's text.
 * A check of the text (or one DNS answer at registration) is defeated by a name that later
 * resolves elsewhere (DNS rebinding), so `connectorFor` refuses before `connect(2)` is called.
 *
 * Classes: cloud metadata and link-local are always refused; loopback (incl. the unspecified
 * address, which Linux routes to this host) and private ranges only when an administrator
 * allows them (`PORTICO_CLUSTER_ADDRESSES_ALLOWED`). A refusal never reveals whether anything
 * listens there: it happens before any packet is sent.
 * @see https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry/
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry/
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';

export type AddressClass = 'metadata' | 'reserved' | 'loopback' | 'unspecified' | 'private' | 'public';
/** What an administrator may allow beyond public addresses. */
export type AllowedAddressClass = 'loopback' | 'private';
export const ALLOWED_ADDRESS_CLASSES: readonly AllowedAddressClass[] = ['loopback', 'private'];
export const ADDRESS_POLICY_ENV = 'PORTICO_CLUSTER_ADDRESSES_ALLOWED';

/** Resolves a host name to every address (what `dns.lookup(name, { all: true })` gives). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface AddressPolicy {
  /** Classes allowed besides public addresses; metadata, link-local and reserved never are. */
  allow: readonly AllowedAddressClass[];
  /** The resolver (default: the OS resolver, `dns.lookup`); injectable to play a DNS server. */
  resolve?: ResolveHost;
}

/** Public addresses only: the default wherever no policy is given. */
export const STRICT_ADDRESS_POLICY: AddressPolicy = Object.freeze({ allow: Object.freeze([]) });

/** Parses `loopback,private` (the installation setting); throws naming a word it does not know. */
export function parseAllowedAddressClasses(csv: string): AllowedAddressClass[] {
  const words = csv
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const unknown = words.filter((w) => !(ALLOWED_ADDRESS_CLASSES as readonly string[]).includes(w));
  if (unknown.length) throw new Error(`unknown address class ${unknown.join(', ')}: use a comma list of ${ALLOWED_ADDRESS_CLASSES.join(', ')}, or leave empty`);
  return [...new Set(words)] as AllowedAddressClass[];
}

type Rule = readonly [string, number];

/** Instance metadata services and link-local: no API server is ever reached there. */
const METADATA_V4: Rule[] = [
  ['169.254.0.0', 16], // link-local: 169.254.169.254 (AWS, GCP, Azure, OpenStack…), 169.254.0.23 (Tencent)
  ['100.100.100.200', 32], // Alibaba Cloud ECS metadata (inside CGNAT space, so checked first)
  ['192.0.0.192', 32], // Oracle Cloud Infrastructure Classic metadata
];
const METADATA_V6: Rule[] = [
  ['fe80::', 10], // link-local
  ['fd00:ec2::254', 128], // AWS IMDS over IPv6 (inside fc00::/7, so checked first)
];
/** Multicast, broadcast and reserved space: never a unicast API server. */
const RESERVED_V4: Rule[] = [
  ['224.0.0.0', 4],
  ['240.0.0.0', 4], // includes 255.255.255.255
];
const RESERVED_V6: Rule[] = [['ff00::', 8]];
const LOOPBACK_V4: Rule[] = [['127.0.0.0', 8]];
const LOOPBACK_V6: Rule[] = [['::1', 128]];
/** "This host on this network": connecting to it reaches local listeners. */
const UNSPECIFIED_V4: Rule[] = [['0.0.0.0', 8]];
const UNSPECIFIED_V6: Rule[] = [['::', 128]];
const PRIVATE_V4: Rule[] = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598), used by some clouds for internal services
  ['192.0.0.0', 24], // IETF protocol assignments
  ['198.18.0.0', 15], // benchmarking networks
];
const PRIVATE_V6: Rule[] = [
  ['fc00::', 7], // unique local
  ['fec0::', 10], // deprecated site-local, still routed by some stacks
];

function v4Hex(ip: string): [string, string] {
  const [a, b, c, d] = ip.split('.').map(Number);
  const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
  return [hex(a, b), hex(c, d)];
}

function blockList(v4: Rule[], v6: Rule[]): BlockList {
  const list = new BlockList();
  for (const [addr, prefix] of v4) {
    list.addSubnet(addr, prefix, 'ipv4');
    // BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against IPv4 rules already. Add the other
    // spellings that embed an IPv4 address and may be routed to it: IPv4-compatible (::a.b.c.d),
    // NAT64 (64:ff9b::/96, RFC 6052) and 6to4 (2002::/16, RFC 3056).
    const [hi, lo] = v4Hex(addr);
    list.addSubnet(`::${hi}:${lo}`, 96 + prefix, 'ipv6');
    list.addSubnet(`64:ff9b::${hi}:${lo}`, 96 + prefix, 'ipv6');
    list.addSubnet(`2002:${hi}:${lo}::`, 16 + prefix, 'ipv6');
  }
  for (const [addr, prefix] of v6) list.addSubnet(addr, prefix, 'ipv6');
  return list;
}

// Checked in this order: the first match wins (::1 and :: before the IPv4-compatible 0.0.0.0/8 twin).
const CLASSES: ReadonlyArray<readonly [AddressClass, BlockList]> = [
  ['metadata', blockList(METADATA_V4, METADATA_V6)],
  ['reserved', blockList(RESERVED_V4, RESERVED_V6)],
  ['loopback', blockList([], LOOPBACK_V6)],
  ['unspecified', blockList([], UNSPECIFIED_V6)],
  ['loopback', blockList(LOOPBACK_V4, [])],
  ['unspecified', blockList(UNSPECIFIED_V4, [])],
  ['private', blockList(PRIVATE_V4, PRIVATE_V6)],
];

const bare = (host: string) =>
  host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');

/** The class of an IP address (brackets and zone id allowed); `undefined` for anything that is not an IP. */
export function classifyAddress(ip: string): AddressClass | undefined {
  const address = bare(ip);
  const family = isIP(address);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [cls, list] of CLASSES) if (list.check(address, type)) return cls;
  return 'public';
}

/** The setting that allows a class, or `undefined` when nothing can (metadata, reserved). */
function permissionFor(cls: AddressClass): AllowedAddressClass | 'always' | undefined {
  if (cls === 'public') return 'always';
  if (cls === 'loopback' || cls === 'unspecified') return 'loopback';
  if (cls === 'private') return 'private';
  return undefined;
}

const DESCRIPTION: Record<Exclude<AddressClass, 'public'>, string> = {
  metadata: 'a cloud metadata or link-local address',
  reserved: 'a multicast or reserved address',
  loopback: 'a loopback address',
  unspecified: 'an unspecified address (0.0.0.0 or ::, which reaches this machine)',
  private: 'a private address',
};

/**
 * Thrown (inside the connection, before any packet is sent) for an address the policy refuses.
 * The message names the host and the class, never the port or whether anything listens there.
 */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'ERR_PORTICO_ADDRESS_REFUSED';
  constructor(
    readonly hostname: string,
    readonly addressClass: Exclude<AddressClass, 'public'>,
    literal: boolean,
  ) {
    const permission = permissionFor(addressClass);
    const what = `${hostname} ${literal ? 'is' : 'resolves to'} ${DESCRIPTION[addressClass]}`;
    super(
      permission === undefined ? `${what}; Portico never connects to it.` : `${what}, which this installation does not allow; an administrator can allow it with ${ADDRESS_POLICY_ENV}=${permission}.`,
    );
  }
}

/** The refusal for connecting to `address` (reached through `hostname`), or `undefined` when allowed. */
export function refusalFor(hostname: string, address: string, policy: AddressPolicy): AddressRefusedError | undefined {
  const cls = classifyAddress(address);
  // Not an IP at all should not happen after DNS; refuse rather than guess.
  if (cls === undefined) return new AddressRefusedError(hostname, 'reserved', false);
  const permission = permissionFor(cls);
  if (permission === 'always') return undefined;
  if (permission !== undefined && policy.allow.includes(permission)) return undefined;
  return new AddressRefusedError(hostname, cls as Exclude<AddressClass, 'public'>, bare(hostname) === bare(address));
}

const osResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true });

/**
 * Resolves `host` (or takes it as is, if it is an IP) and checks every address: one refused
 * address refuses the name, so a record set mixing a public and an internal address cannot be
 * used to reach the internal one. Resolves to the addresses; rejects with the DNS error or an
 * `AddressRefusedError`.
 */
export async function resolveAllowed(host: string, policy: AddressPolicy): Promise<LookupAddress[]> {
  const hostname = bare(host);
  const family = isIP(hostname);
  const addresses = family ? [{ address: hostname, family }] : await (policy.resolve ?? osResolve)(hostname);
  for (const a of addresses) {
    const refused = refusalFor(hostname, a.address, policy);
    if (refused) throw refused;
  }
  return addresses;
}

/**
 * A `lookup` for `net.connect`/`tls.connect` that only hands out allowed addresses. Node calls
 * it with `all: true` when it tries IPv4 and IPv6 in turn (`autoSelectFamily`), without otherwise.
 */
export function lookupFor(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, policy).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (options.all) return callback(null, wanted);
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 0);
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * An undici connector that checks the address inside the connection: a literal IP before
 * `connect(2)`, a name through `lookupFor` (the address the socket really connects to).
 */
export function connectorFor(policy: AddressPolicy, options: buildConnector.BuildOptions): buildConnector.connector {
  const connect = buildConnector({ ...options, lookup: lookupFor(policy) });
  return (opts, callback) => {
    const hostname = bare(opts.hostname);
    if (isIP(hostname)) {
      const refused = refusalFor(hostname, hostname, policy);
      // Asynchronously, like a failed connect: undici does not expect its callback re-entered.
      if (refused) return process.nextTick(() => callback(refused, null));
    }
    connect(opts, callback);
  };
}
