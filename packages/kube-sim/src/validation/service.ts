/**
 * Service validation (the apiserver's, not the OpenAPI schema's).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/apis/core/validation/validation.go (ValidateService)
 */
import { fieldDuplicate, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, type StatusCause } from '../status.js';
import { dig, type KubeObject } from '../types.js';
import { dns1123Label, dns1123Subdomain, isIPv4, portName } from './names.js';

export const NODE_PORT_RANGE = { min: 30000, max: 32767 };
const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function validPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

export function validateService(svc: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = (svc.spec ?? {}) as Record<string, unknown>;
  const type = (spec.type as string | undefined) ?? 'ClusterIP';
  const ports = Array.isArray(spec.ports) ? (spec.ports as Record<string, unknown>[]) : [];
  const clusterIP = spec.clusterIP as string | undefined;
  const headless = clusterIP === 'None';

  if (!TYPES.includes(type)) causes.push(fieldNotSupported('spec.type', type, TYPES));
  if (type === 'ExternalName') {
    const en = spec.externalName;
    if (typeof en !== 'string' || en === '') causes.push(fieldRequired('spec.externalName'));
    else for (const m of dns1123Subdomain(en.replace(/\.$/, ''))) causes.push(fieldInvalid('spec.externalName', en, m));
    if (clusterIP && clusterIP !== '') causes.push(fieldForbidden('spec.clusterIP', 'may not be set for ExternalName services'));
  } else if (ports.length === 0 && !headless) {
    causes.push(fieldRequired('spec.ports'));
  }
  if (headless && type !== 'ClusterIP' && type !== 'ExternalName')
    causes.push(fieldInvalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  if (clusterIP && !headless && clusterIP !== '' && !isIPv4(clusterIP))
    causes.push(fieldInvalid('spec.clusterIPs[0]', clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));

  const seenNames = new Set<string>();
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    const name = p.name as string | undefined;
    if (ports.length > 1 && !name) causes.push(fieldRequired(`${f}.name`));
    if (name) {
      for (const m of dns1123Label(name)) causes.push(fieldInvalid(`${f}.name`, name, m));
      if (seenNames.has(name)) causes.push(fieldDuplicate(`${f}.name`, name));
      seenNames.add(name);
    }
    if (p.port === undefined) causes.push(fieldRequired(`${f}.port`));
    else if (!validPort(p.port)) causes.push(fieldInvalid(`${f}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    const protocol = (p.protocol as string | undefined) ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) causes.push(fieldNotSupported(`${f}.protocol`, protocol, PROTOCOLS));
    const key = `${p.port}/${protocol}`;
    if (seenPorts.has(key)) causes.push(fieldDuplicate(f, { port: p.port, protocol }));
    seenPorts.add(key);
    const tp = p.targetPort;
    if (typeof tp === 'number' && !validPort(tp)) causes.push(fieldInvalid(`${f}.targetPort`, tp, 'must be between 1 and 65535, inclusive'));
    if (typeof tp === 'string') for (const m of portName(tp)) causes.push(fieldInvalid(`${f}.targetPort`, tp, m));
    const np = p.nodePort;
    if (np !== undefined && np !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') causes.push(fieldForbidden(`${f}.nodePort`, `may not be used when \`type\` is '${type}'`));
      else if (typeof np !== 'number' || np < NODE_PORT_RANGE.min || np > NODE_PORT_RANGE.max)
        causes.push(
          fieldInvalid(`${f}.nodePort`, np, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`),
        );
    }
  });
  const sel = dig(svc, 'spec', 'selector');
  if (sel !== undefined && (typeof sel !== 'object' || sel === null || Array.isArray(sel))) causes.push(fieldInvalid('spec.selector', sel, 'must be a map'));
  return causes;
}
