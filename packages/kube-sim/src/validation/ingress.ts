/**
 * Ingress validation, following the apiserver's ValidateIngressSpec.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards
 * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/apis/networking/validation/validation.go
 */
import { fieldInvalid, fieldNotSupported, fieldRequired, type StatusCause } from '../status.js';
import { isPlainObject, type KubeObject } from '../types.js';
import { dns1123Label, dns1123Subdomain, isIPv4, portName, wildcardOrSubdomain } from './names.js';
import { isIPv6 } from './service.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (isPlainObject(v) ? v : undefined);

function validateBackend(b: Obj, f: string, causes: StatusCause[]): void {
  const svc = obj(b.service);
  const resource = obj(b.resource);
  if (svc && resource) {
    causes.push(fieldInvalid(f, '', 'cannot set both resource and service backends'));
    return;
  }
  if (resource) {
    if (typeof resource.kind !== 'string' || !resource.kind) causes.push(fieldRequired(`${f}.resource.kind`));
    if (typeof resource.name !== 'string' || !resource.name) causes.push(fieldRequired(`${f}.resource.name`));
    return;
  }
  if (!svc) {
    causes.push(fieldInvalid(f, '', 'resource or service backend is required'));
    return;
  }
  const name = svc.name;
  if (typeof name !== 'string' || !name) causes.push(fieldRequired(`${f}.service.name`));
  // Service names are DNS-1123 labels since RelaxedServiceNameValidation (1.36 default).
  else for (const m of dns1123Label(name)) causes.push(fieldInvalid(`${f}.service.name`, name, m));
  const port = obj(svc.port) ?? {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName && hasNumber) causes.push(fieldInvalid(f, '', 'cannot set both port name & port number'));
  else if (hasName) for (const m of portName(port.name as string)) causes.push(fieldInvalid(`${f}.service.port.name`, port.name, m));
  else if (hasNumber) {
    const n = port.number;
    if (typeof n !== 'number' || n < 1 || n > 65535) causes.push(fieldInvalid(`${f}.service.port.number`, n, 'must be between 1 and 65535, inclusive'));
  } else causes.push(fieldRequired(f, 'port name or number is required'));
}

function validatePath(p: Obj, f: string, causes: StatusCause[]): void {
  const pt = p.pathType;
  if (pt === undefined || pt === null) {
    causes.push(fieldRequired(`${f}.pathType`, 'pathType must be specified'));
    return;
  }
  const path = typeof p.path === 'string' ? p.path : '';
  if (pt === 'Exact' || pt === 'Prefix') {
    if (!path.startsWith('/')) causes.push(fieldInvalid(`${f}.path`, path, 'must be an absolute path'));
    for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) causes.push(fieldInvalid(`${f}.path`, path, `must not contain '${seq}'`));
    for (const suf of INVALID_SUFFIXES) if (path.endsWith(suf)) causes.push(fieldInvalid(`${f}.path`, path, `cannot end with '${suf}'`));
  } else if (pt === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/')) causes.push(fieldInvalid(`${f}.path`, path, 'must be an absolute path'));
  } else causes.push(fieldNotSupported(`${f}.pathType`, pt, PATH_TYPES));
  validateBackend(obj(p.backend) ?? {}, `${f}.backend`, causes);
}

export function validateIngress(ing: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = obj(ing.spec) ?? {};
  const rules = Array.isArray(spec.rules) ? (spec.rules as unknown[]).map((r) => obj(r) ?? {}) : [];
  const defaultBackend = obj(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) causes.push(fieldInvalid('spec', spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  if (defaultBackend) validateBackend(defaultBackend, 'spec.defaultBackend', causes);
  rules.forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    const host = typeof r.host === 'string' ? r.host : '';
    if (host !== '') {
      if (isIPv4(host) || isIPv6(host)) causes.push(fieldInvalid(`${f}.host`, host, 'must be a DNS name, not an IP address'));
      for (const m of wildcardOrSubdomain(host)) causes.push(fieldInvalid(`${f}.host`, host, m));
    }
    const http = obj(r.http);
    if (!http) return;
    const paths = Array.isArray(http.paths) ? (http.paths as unknown[]).map((p) => obj(p) ?? {}) : [];
    if (paths.length === 0) causes.push(fieldRequired(`${f}.http.paths`));
    paths.forEach((p, j) => validatePath(p, `${f}.http.paths[${j}]`, causes));
  });
  const tls = Array.isArray(spec.tls) ? (spec.tls as unknown[]).map((t) => obj(t) ?? {}) : [];
  tls.forEach((t, i) => {
    const hosts = Array.isArray(t.hosts) ? (t.hosts as unknown[]).map(String) : [];
    hosts.forEach((h, j) => {
      for (const m of wildcardOrSubdomain(h)) causes.push(fieldInvalid(`spec.tls[${i}].hosts[${j}]`, h, m));
    });
    if (typeof t.secretName === 'string' && t.secretName !== '') for (const m of dns1123Subdomain(t.secretName)) causes.push(fieldInvalid(`spec.tls[${i}].secretName`, t.secretName, m));
  });
  if (typeof spec.ingressClassName === 'string') for (const m of dns1123Subdomain(spec.ingressClassName)) causes.push(fieldInvalid('spec.ingressClassName', spec.ingressClassName, m));
  if (ing.metadata.annotations?.['kubernetes.io/ingress.class'] && typeof spec.ingressClassName === 'string' && spec.ingressClassName !== ing.metadata.annotations['kubernetes.io/ingress.class'])
    causes.push(fieldInvalid('annotations.kubernetes.io/ingress.class', ing.metadata.annotations['kubernetes.io/ingress.class'], 'can not be set when the class field is also set'));
  return causes;
}
