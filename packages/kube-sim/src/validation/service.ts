/**
 * Service validation (the apiserver's, not the OpenAPI schema's), in the apiserver's two
 * stages: the IP-family checks its Service registry makes before allocating addresses
 * (`serviceIPFamilyCauses`), and the full validation afterwards (`validateService`).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/apis/core/validation/validation.go (ValidateService)
 * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/registry/core/service/storage/alloc.go (initIPFamilyFields)
 */
import { fieldDuplicate, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, type StatusCause } from '../status.js';
import { isPlainObject, type KubeObject } from '../types.js';
import { dns1123Label, dns1123Subdomain, isIPv4, labelKey, labelValue, portName, qualifiedName } from './names.js';

export const NODE_PORT_RANGE = { min: 30000, max: 32767 };
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const KUBELET_PORT = 10250;

type Spec = Record<string, unknown>;
type Port = Record<string, unknown>;

function validPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

/** Loose IPv6 check: enough to tell the families apart (the cluster is IPv4-only). */
export function isIPv6(v: string): boolean {
  return v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v);
}

const specOf = (svc: KubeObject) => (isPlainObject(svc.spec) ? (svc.spec as Spec) : {});
const portsOf = (spec: Spec) => (Array.isArray(spec.ports) ? ((spec.ports as unknown[]).filter(isPlainObject) as Port[]) : []);
const strings = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(String) : []);
export const isHeadless = (spec: Spec) => spec.clusterIP === 'None';

/** The clusterIPs the apiserver sees: `clusterIP` copied into an empty `clusterIPs`. */
export function clusterIPsOf(spec: Spec): string[] {
  const ips = strings(spec.clusterIPs);
  if (ips.length === 0 && typeof spec.clusterIP === 'string' && spec.clusterIP !== '') return [spec.clusterIP];
  return ips;
}

/** ValidateServiceClusterIPsRelatedFields. */
function clusterIPsRelated(spec: Spec): StatusCause[] {
  if (spec.type === 'ExternalName') return [];
  const causes: StatusCause[] = [];
  const ips = clusterIPsOf(spec);
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  if (clusterIP !== '' && ips[0] !== clusterIP) causes.push(fieldInvalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  if (clusterIP === '' && ips.length) causes.push(fieldInvalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  const families = strings(spec.ipFamilies);
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (!FAMILIES.includes(f)) causes.push(fieldNotSupported(`spec.ipFamilies[${i}]`, f, FAMILIES));
    if (seen.has(f)) causes.push(fieldDuplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && !FAMILY_POLICIES.includes(String(spec.ipFamilyPolicy))) causes.push(fieldNotSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        causes.push(fieldInvalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIPv4(ip) && !isIPv6(ip)) {
      invalidIPs = true;
      causes.push(fieldInvalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  if (ips.length > 2) causes.push(fieldInvalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (invalidIPs) return causes;
  if (!isHeadless(spec))
    ips.forEach((ip, i) => {
      if (families[i] === 'IPv4' && isIPv6(ip)) causes.push(fieldInvalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6(ip)) causes.push(fieldInvalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  return causes;
}

/** isMatchingPreferDualStackClusterIPFields: an update of a PreferDualStack Service that changes none of its IP fields. */
function matchingPreferDualStack(spec: Spec, oldSpec: Spec): boolean {
  const same = (a: string[], b: string[]) => a.join() === b.join();
  return (
    spec.ipFamilyPolicy === 'PreferDualStack' &&
    (oldSpec.ipFamilyPolicy === undefined || oldSpec.ipFamilyPolicy === 'PreferDualStack') &&
    spec.type === oldSpec.type &&
    ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(String(spec.type)) &&
    same(clusterIPsOf(spec), clusterIPsOf(oldSpec)) &&
    same(strings(spec.ipFamilies), strings(oldSpec.ipFamilies))
  );
}

/**
 * The registry's IP-family pass before allocation (initIPFamilyFields) on this single-stack
 * IPv4 cluster. Fills in the defaults of `ipFamilyPolicy`/`ipFamilies` (mutates) when valid.
 */
export function serviceIPFamilyCauses(svc: KubeObject, old?: KubeObject): StatusCause[] {
  const spec = specOf(svc);
  if (spec.type === 'ExternalName') return [];
  // An update that keeps a PreferDualStack Service's type, policy, IPs and families skips the pass
  // (no re-check of families the cluster lacks, e.g. a headless Service's [IPv6, IPv4] gaining a selector).
  if (old && matchingPreferDualStack(spec, specOf(old))) return [];
  const selectorless = !isPlainObject(spec.selector) || Object.keys(spec.selector).length === 0;
  const headlessSelectorless = isHeadless(spec) && selectorless;
  // The policy is defaulted first: the old object's on an update, else SingleStack, or RequireDualStack for headless selectorless Services.
  const policy = (spec.ipFamilyPolicy as string | undefined) ?? (old ? (specOf(old).ipFamilyPolicy as string | undefined) : undefined) ?? (headlessSelectorless ? 'RequireDualStack' : 'SingleStack');
  spec.ipFamilyPolicy = policy;
  const loose = clusterIPsRelated(spec);
  if (loose.length) return loose;
  const causes: StatusCause[] = [];
  if (old) {
    // Update-only: SingleStack trims unchanged dual values; anything else may not shrink them.
    const oldSpec = specOf(old);
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
    const reduced = (a: unknown, b: unknown) => strings(a).length > 0 && strings(a).length < strings(b).length;
    if (policy === 'SingleStack') {
      if (same(spec.clusterIPs, oldSpec.clusterIPs) && strings(spec.clusterIPs).length > 1) spec.clusterIPs = strings(spec.clusterIPs).slice(0, 1);
      if (same(spec.ipFamilies, oldSpec.ipFamilies) && strings(spec.ipFamilies).length > 1) spec.ipFamilies = strings(spec.ipFamilies).slice(0, 1);
    } else {
      if (reduced(spec.clusterIPs, oldSpec.clusterIPs)) causes.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
      if (reduced(spec.ipFamilies, oldSpec.ipFamilies)) causes.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
    }
  }
  const ips = clusterIPsOf(spec);
  const families = strings(spec.ipFamilies);
  if (policy === 'SingleStack') {
    if (ips.length === 2) causes.push(fieldInvalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP addresses are specified"));
    if (families.length === 2) causes.push(fieldInvalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  ips.forEach((ip, i) => {
    if (ip === 'None' || i < families.length) return;
    if (isIPv6(ip)) causes.push(fieldInvalid(`spec.clusterIPs[${i}]`, ips, 'IPv6 is not configured on this cluster'));
    else families.push('IPv4');
  });
  if (causes.length) return causes;
  if (headlessSelectorless) {
    // Headless and selectorless: allowed every family even on a single-stack cluster.
    if (families.length === 0) families.push('IPv4');
    if (families.length < 2 && policy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    spec.ipFamilies = families;
    return [];
  }
  if (policy === 'RequireDualStack') causes.push(fieldInvalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  families.forEach((f, i) => {
    if (f !== 'IPv4') causes.push(fieldInvalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (causes.length) return causes;
  spec.ipFamilies = families.length ? families : ['IPv4'];
  return [];
}

function validateLabels(map: unknown, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!isPlainObject(map)) return causes;
  for (const [k, v] of Object.entries(map)) {
    for (const m of labelKey(k)) causes.push(fieldInvalid(field, k, m));
    for (const m of labelValue(String(v))) causes.push(fieldInvalid(field, v, m));
  }
  return causes;
}

function validatePort(p: Port, f: string, requireName: boolean, names: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && name === '') causes.push(fieldRequired(`${f}.name`));
  else if (name !== '') {
    for (const m of dns1123Label(name)) causes.push(fieldInvalid(`${f}.name`, name, m));
    if (names.has(name)) causes.push(fieldDuplicate(`${f}.name`, name));
    names.add(name);
  }
  if (!validPort(p.port)) causes.push(fieldInvalid(`${f}.port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
  const protocol = p.protocol;
  if (protocol === undefined || protocol === '') causes.push(fieldRequired(`${f}.protocol`));
  else if (!PROTOCOLS.includes(String(protocol))) causes.push(fieldNotSupported(`${f}.protocol`, protocol, PROTOCOLS));
  const tp = p.targetPort;
  if (typeof tp === 'number' && !validPort(tp)) causes.push(fieldInvalid(`${f}.targetPort`, tp, 'must be between 1 and 65535, inclusive'));
  if (typeof tp === 'string') for (const m of portName(tp)) causes.push(fieldInvalid(`${f}.targetPort`, tp, m));
  if (typeof p.appProtocol === 'string') for (const m of qualifiedName(p.appProtocol)) causes.push(fieldInvalid(`${f}.appProtocol`, p.appProtocol, m));
  return causes;
}

const externallyAccessible = (spec: Spec) => spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && strings(spec.externalIPs).length > 0);

/** The 16 bytes of an IPv6 address (`::` shorthand and a dotted IPv4 tail allowed), or undefined. */
function ipv6Bytes(v: string): number[] | undefined {
  const tail = v.match(/^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  const text = tail ? `${tail[1]}${((Number(tail[2]) << 8) | Number(tail[3])).toString(16)}:${((Number(tail[4]) << 8) | Number(tail[5])).toString(16)}` : v;
  const halves = text.split('::');
  if (halves.length > 2 || (tail && tail.slice(2).some((o) => Number(o) > 255))) return undefined;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const missing = 8 - groups.flat().length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = halves.length === 2 ? [...groups[0], ...Array<string>(missing).fill('0'), ...groups[1]] : groups[0];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]);
}

const isIPv4Mapped = (v6: number[]) => v6.slice(0, 10).every((b) => b === 0) && v6[10] === 255 && v6[11] === 255;

/**
 * ValidateEndpointIP, which external IPs go through after parsing: no unspecified, loopback,
 * link-local or link-local multicast addresses (IPv4-mapped IPv6 ones are refused before).
 */
function endpointIPProblems(ip: string): string[] {
  const v6 = isIPv4(ip) ? undefined : ipv6Bytes(ip);
  const v4 = isIPv4(ip) ? ip.split('.').map(Number) : undefined;
  const problems: [boolean, string][] = v4
    ? [
        [v4.every((b) => b === 0), `may not be unspecified (${ip})`],
        [v4[0] === 127, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
        [v4[0] === 169 && v4[1] === 254, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
        [v4[0] === 224 && v4[1] === 0 && v4[2] === 0, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
      ]
    : v6
      ? [
          [v6.every((b) => b === 0), `may not be unspecified (${ip})`],
          [v6.slice(0, 15).every((b) => b === 0) && v6[15] === 1, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
          [v6[0] === 0xfe && (v6[1] & 0xc0) === 0x80, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
          [v6[0] === 0xff && (v6[1] & 0x0f) === 0x02, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
        ]
      : [];
  return problems.filter(([hit]) => hit).map(([, message]) => message);
}

/** Whether any bit after the first `prefix` bits of `bytes` is set. */
const bitsBeyond = (bytes: number[], prefix: number) => bytes.some((b, i) => (b & (i * 8 >= prefix ? 255 : 255 >> Math.min(8, prefix - i * 8))) !== 0);

/** What the apiserver's strict CIDR parsing says about `value` (IsValidCIDRForLegacyField), or undefined. */
function cidrProblem(value: string): string | undefined {
  const invalid = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  const slash = value.indexOf('/');
  if (slash < 0) return invalid;
  const [ip, bits] = [value.slice(0, slash), value.slice(slash + 1)];
  if (!/^\d+$/.test(bits)) return invalid;
  const octets = ip.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/)?.slice(1);
  if (!octets) {
    const v6 = ipv6Bytes(ip);
    if (!v6 || Number(bits) > 128) return invalid;
    if (bits.length > 1 && bits.startsWith('0')) return 'must not have leading 0s in IP or prefix length';
    if (isIPv4Mapped(v6)) return 'must not have an IPv4-mapped IPv6 address';
    return bitsBeyond(v6, Number(bits)) ? 'must not have bits set beyond the prefix length' : undefined;
  }
  if (octets.some((o) => Number(o) > 255) || Number(bits) > 32) return invalid;
  if ([...octets, bits].some((o) => o.length > 1 && o.startsWith('0'))) return 'must not have leading 0s in IP or prefix length';
  const address = octets.reduce((a, o) => a * 256 + Number(o), 0);
  const hostBits = 32 - Number(bits);
  return address % 2 ** hostBits === 0 ? undefined : 'must not have bits set beyond the prefix length';
}

/**
 * The update-only checks of ValidateServiceUpdate that run with validation (not before it):
 * the primary cluster IP and IP family may not change (validateUpgradeDowngradeClusterIPs/IPFamilies).
 */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject): StatusCause[] {
  const [spec, oldSpec] = [specOf(svc), specOf(old)];
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  const causes: StatusCause[] = [];
  const [ips, oldIps] = [clusterIPsOf(spec), clusterIPsOf(oldSpec)];
  const headless = (list: string[]) => list.length === 1 && list[0] === 'None';
  const singleStack = spec.ipFamilyPolicy === 'SingleStack';
  if (!(headless(ips) && headless(oldIps))) {
    const changed = fieldInvalid('spec.clusterIPs[0]', ips, 'may not change once set');
    if (ips.length === oldIps.length) oldIps.forEach((ip, i) => ip !== ips[i] && causes.push({ ...changed, field: `spec.clusterIPs[${i}]` }));
    else if (ips.length < oldIps.length) {
      if (ips.length === 0) causes.push(fieldInvalid('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset'));
      else if (ips[0] !== oldIps[0]) causes.push(changed);
      if (ips.length === 1 && !singleStack) causes.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    } else if (oldIps.length && ips[0] !== oldIps[0]) causes.push(changed);
  }
  if (headless(ips) || headless(oldIps)) return causes;
  const [families, oldFamilies] = [strings(spec.ipFamilies), strings(oldSpec.ipFamilies)];
  const familyChanged = fieldInvalid('spec.ipFamilies[0]', families, 'may not change once set');
  if (families.length === oldFamilies.length) oldFamilies.forEach((f, i) => f !== families[i] && causes.push(familyChanged));
  else if (families.length < oldFamilies.length) {
    if (ips.length === 0) causes.push(fieldInvalid('spec.ipFamilies[0]', families, 'primary ipFamily can not be unset'));
    if (families.length && families[0] !== oldFamilies[0]) causes.push(familyChanged);
    if (families.length === 1 && !singleStack) causes.push(fieldInvalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
  } else if (oldFamilies.length && families.length && families[0] !== oldFamilies[0]) causes.push(familyChanged);
  return causes;
}

export function validateService(svc: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = specOf(svc);
  const type = spec.type as string | undefined;
  const ports = portsOf(spec);
  const headless = isHeadless(spec);
  const ips = clusterIPsOf(spec);

  if (ports.length === 0 && !headless && type !== 'ExternalName') causes.push(fieldRequired('spec.ports'));
  if (type === 'LoadBalancer') {
    if (headless) causes.push(fieldInvalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
    ports.forEach((p, i) => {
      if (p.port === KUBELET_PORT) causes.push(fieldInvalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
    });
  } else if (type === 'NodePort') {
    if (headless) causes.push(fieldInvalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  } else if (type === 'ExternalName') {
    if (ips.length) causes.push(fieldForbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (strings(spec.ipFamilies).length) causes.push(fieldForbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined) causes.push(fieldForbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
    if (cname === '') causes.push(fieldRequired('spec.externalName'));
    else for (const m of dns1123Subdomain(cname)) causes.push(fieldInvalid('spec.externalName', cname, m));
  }

  const names = new Set<string>();
  ports.forEach((p, i) => causes.push(...validatePort(p, `spec.ports[${i}]`, ports.length > 1, names)));
  if (spec.selector !== undefined && spec.selector !== null) {
    if (!isPlainObject(spec.selector)) causes.push(fieldInvalid('spec.selector', spec.selector, 'must be a map'));
    else causes.push(...validateLabels(spec.selector, 'spec.selector'));
  }
  const affinity = spec.sessionAffinity;
  if (affinity === undefined || affinity === '') causes.push(fieldRequired('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') causes.push(fieldNotSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));

  // External IPs as a legacy IP field: sloppy parsing, then the strict form's leading-zero rule.
  // Then ValidateEndpointIP on the ones that parse.
  strings(spec.externalIPs).forEach((ip, i) => {
    const sloppy = ip.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
    if (sloppy && sloppy.slice(1).every((o) => Number(o) <= 255)) {
      if (!isIPv4(ip) || sloppy.slice(1).some((o) => o.length > 1 && o.startsWith('0'))) return causes.push(fieldInvalid(`spec.externalIPs[${i}]`, ip, 'must not have leading 0s'));
    } else {
      const v6 = ipv6Bytes(ip);
      if (!v6) return causes.push(fieldInvalid(`spec.externalIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
      if (isIPv4Mapped(v6)) return causes.push(fieldInvalid(`spec.externalIPs[${i}]`, ip, 'must not be an IPv4-mapped IPv6 address'));
    }
    for (const m of endpointIPProblems(ip)) causes.push(fieldInvalid(`spec.externalIPs[${i}]`, ip, m));
  });

  if (type === undefined || type === '') causes.push(fieldRequired('spec.type'));
  else if (!TYPES.includes(type)) causes.push(fieldNotSupported('spec.type', type, TYPES));
  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p.nodePort !== undefined && p.nodePort !== 0) causes.push(fieldForbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort === undefined || p.nodePort === 0) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) causes.push(fieldDuplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) causes.push(fieldDuplicate(`spec.ports[${i}]`, { port: p.port, protocol: p.protocol }));
    seen.add(key);
  });

  // Source ranges as legacy CIDR fields (the field path keeps Go's capital L). Existing values
  // are not re-checked on updates by the apiserver; the simulator checks them always.
  const ranges = strings(spec.loadBalancerSourceRanges);
  if (ranges.length) {
    if (type !== 'LoadBalancer') causes.push(fieldForbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((raw, i) => {
      const problem = cidrProblem(raw.trim());
      if (problem) causes.push(fieldInvalid(`spec.LoadBalancerSourceRanges[${i}]`, raw.trim(), problem));
    });
  }

  causes.push(...clusterIPsRelated(spec));
  if (type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== undefined) causes.push(fieldForbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));

  const etp = spec.externalTrafficPolicy;
  if (!externallyAccessible(spec)) {
    if (etp !== undefined && etp !== '') causes.push(fieldInvalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === undefined || etp === '') causes.push(fieldRequired('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') causes.push(fieldNotSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) causes.push(fieldRequired('spec.internalTrafficPolicy'));
  if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') causes.push(fieldNotSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  return causes;
}
