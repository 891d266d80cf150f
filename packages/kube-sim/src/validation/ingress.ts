/**
 * Ingress validation.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards
 */
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, type StatusCause } from '../status.js';
import type { KubeObject } from '../types.js';
import { dns1035Label, dns1123Subdomain, isIPv4, portName, wildcardOrSubdomain } from './names.js';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

function validateBackend(b: Record<string, unknown> | undefined, f: string, causes: StatusCause[]): void {
  if (!b) {
    causes.push(fieldRequired(f));
    return;
  }
  const svc = b.service as Record<string, unknown> | undefined;
  if (svc && b.resource) causes.push(fieldInvalid(f, '', 'cannot set both resource and service backends'));
  if (!svc && !b.resource) causes.push(fieldInvalid(f, '', 'resource or service backend is required'));
  if (!svc) return;
  const name = svc.name;
  if (typeof name !== 'string' || !name) causes.push(fieldRequired(`${f}.service.name`));
  else for (const m of dns1035Label(name)) causes.push(fieldInvalid(`${f}.service.name`, name, m));
  const port = (svc.port ?? {}) as Record<string, unknown>;
  if (port.name !== undefined && port.number !== undefined) causes.push(fieldInvalid(`${f}.service.port`, port, 'cannot set both port name & port number'));
  else if (typeof port.number === 'number') {
    if (port.number < 1 || port.number > 65535) causes.push(fieldInvalid(`${f}.service.port.number`, port.number, 'must be between 1 and 65535, inclusive'));
  } else if (typeof port.name === 'string') {
    for (const m of portName(port.name)) causes.push(fieldInvalid(`${f}.service.port.name`, port.name, m));
  } else causes.push(fieldRequired(`${f}.service.port`, 'port name or number is required'));
}

function validateHost(host: string, f: string, causes: StatusCause[]): void {
  if (isIPv4(host)) causes.push(fieldInvalid(f, host, 'must be a DNS name, not an IP address'));
  else for (const m of wildcardOrSubdomain(host)) causes.push(fieldInvalid(f, host, m));
}

export function validateIngress(ing: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = (ing.spec ?? {}) as Record<string, unknown>;
  if (typeof spec.ingressClassName === 'string') for (const m of dns1123Subdomain(spec.ingressClassName)) causes.push(fieldInvalid('spec.ingressClassName', spec.ingressClassName, m));
  const rules = Array.isArray(spec.rules) ? (spec.rules as Record<string, unknown>[]) : [];
  if (!spec.defaultBackend && rules.length === 0) causes.push(fieldInvalid('spec.rules', [], 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) validateBackend(spec.defaultBackend as Record<string, unknown>, 'spec.defaultBackend', causes);
  rules.forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    if (typeof r.host === 'string' && r.host !== '') validateHost(r.host, `${f}.host`, causes);
    const http = r.http as { paths?: Record<string, unknown>[] } | undefined;
    if (!http) return;
    if (!Array.isArray(http.paths) || http.paths.length === 0) causes.push(fieldRequired(`${f}.http.paths`));
    (http.paths ?? []).forEach((p, j) => {
      const pf = `${f}.http.paths[${j}]`;
      const pt = p.pathType;
      const path = p.path;
      if (pt === undefined || pt === '') causes.push(fieldRequired(`${pf}.pathType`, 'pathType must be specified'));
      else if (typeof pt !== 'string' || !PATH_TYPES.includes(pt)) causes.push(fieldNotSupported(`${pf}.pathType`, pt, PATH_TYPES));
      else if (pt !== 'ImplementationSpecific') {
        if (typeof path !== 'string' || !path.startsWith('/')) causes.push(fieldInvalid(`${pf}.path`, path ?? '', 'must be an absolute path'));
        else if (/\/\.\.?(\/|$)|\/\/|%2f|~/i.test(path)) causes.push(fieldInvalid(`${pf}.path`, path, "must not contain '//', '/./', '/../', '%2f' or '~'"));
      } else if (typeof path === 'string' && path !== '' && !path.startsWith('/')) causes.push(fieldInvalid(`${pf}.path`, path, 'must be an absolute path'));
      validateBackend(p.backend as Record<string, unknown> | undefined, `${pf}.backend`, causes);
    });
  });
  const tls = Array.isArray(spec.tls) ? (spec.tls as Record<string, unknown>[]) : [];
  tls.forEach((t, i) => {
    const hosts = Array.isArray(t.hosts) ? (t.hosts as string[]) : [];
    hosts.forEach((h, j) => validateHost(h, `spec.tls[${i}].hosts[${j}]`, causes));
    if (typeof t.secretName === 'string' && t.secretName !== '') for (const m of dns1123Subdomain(t.secretName)) causes.push(fieldInvalid(`spec.tls[${i}].secretName`, t.secretName, m));
  });
  if (ing.metadata.annotations?.['kubernetes.io/ingress.class'] && typeof spec.ingressClassName === 'string' && spec.ingressClassName !== ing.metadata.annotations['kubernetes.io/ingress.class'])
    causes.push(fieldForbidden('spec.ingressClassName', 'can not be set when the class field is also set'));
  return causes;
}
