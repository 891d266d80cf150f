/**
 * The Ingress editor's contract (`ZIngressRequest`) held to the apiserver (issue 10): every
 * request in the table is built with `ingressManifest` *without* the contract and dry-run applied
 * to the simulator and to a real kube-apiserver (1.36.3). What the apiserver refuses, the contract
 * must refuse on the same field (the apiserver's path mapped by `ingressFormField`); what it
 * accepts, the contract must accept. So "as strict as the apiserver" is measured, not assumed.
 */
import { type TIngressRequest, ZIngressRequest } from '@portico/contracts';
import { describe } from 'vitest';
import { ingressFormField, ingressManifest, objectPath } from '../src/index.js';
import { type AcceptedCase, type RefusedCase, contractFields, itChecksTheApiserver, itChecksTheContract, useAdminClient } from './apiserver-table.js';
import { clusterKinds } from './real-cluster.js';

const { kinds } = clusterKinds();
const NS = 'ingress-validation';

const backend = { service: 'web', port: 80 } as const;
const base = (over: Record<string, unknown> = {}): TIngressRequest => ({
  type: 'ingress',
  namespace: NS,
  name: 'ing',
  rules: [{ host: 'foo.example.com', paths: [{ path: '/', pathType: 'Prefix', backend }] }],
  ...over,
});
const rule = (r: Record<string, unknown>) => base({ rules: [{ host: 'foo.example.com', paths: [{ path: '/', pathType: 'Prefix', backend }], ...r }] });
const path = (p: Record<string, unknown>) => base({ rules: [{ host: 'foo.example.com', paths: [{ path: '/', pathType: 'Prefix', backend, ...p }] }] });

/** Refused by the apiserver; `field` is the request's field both must name. */
const INVALID: RefusedCase<TIngressRequest>[] = [
  { what: 'an IPv4 host', request: rule({ host: '10.0.0.1' }), field: 'change.rules.0.host' },
  { what: 'an IPv6 host', request: rule({ host: '::1' }), field: 'change.rules.0.host' },
  { what: 'a host with a port', request: rule({ host: 'foo.example.com:8080' }), field: 'change.rules.0.host' },
  { what: 'a wildcard not leftmost', request: rule({ host: 'a.*.example.com' }), field: 'change.rules.0.host' },
  { what: 'a bare *', request: rule({ host: '*' }), field: 'change.rules.0.host' },
  { what: 'two wildcards', request: rule({ host: '*.*.example.com' }), field: 'change.rules.0.host' },
  { what: 'a partial-label wildcard', request: rule({ host: 'a*.example.com' }), field: 'change.rules.0.host' },
  { what: 'capitals in a host', request: rule({ host: 'Foo.example.com' }), field: 'change.rules.0.host' },
  { what: 'a trailing dot', request: rule({ host: 'foo.example.com.' }), field: 'change.rules.0.host' },
  { what: 'an underscore in a host', request: rule({ host: 'foo_bar.example.com' }), field: 'change.rules.0.host' },
  { what: 'a rule with no paths', request: rule({ paths: [] }), field: 'change.rules.0.paths' },
  { what: 'a relative Prefix path', request: path({ path: 'foo' }), field: 'change.rules.0.paths.0.path' },
  { what: 'a Prefix path left out', request: path({ path: undefined }), field: 'change.rules.0.paths.0.path' },
  { what: 'an Exact path with //', request: path({ path: '/a//b', pathType: 'Exact' }), field: 'change.rules.0.paths.0.path' },
  { what: 'a path with /../', request: path({ path: '/a/../b' }), field: 'change.rules.0.paths.0.path' },
  { what: 'a path with /./', request: path({ path: '/a/./b' }), field: 'change.rules.0.paths.0.path' },
  { what: 'a path ending in /.', request: path({ path: '/a/.' }), field: 'change.rules.0.paths.0.path' },
  { what: 'a path ending in /..', request: path({ path: '/a/..' }), field: 'change.rules.0.paths.0.path' },
  { what: 'an encoded slash %2F', request: path({ path: '/a%2Fb', pathType: 'Exact' }), field: 'change.rules.0.paths.0.path' },
  { what: 'an encoded slash %2f', request: path({ path: '/a%2fb' }), field: 'change.rules.0.paths.0.path' },
  { what: 'a relative ImplementationSpecific path', request: path({ path: 'api', pathType: 'ImplementationSpecific' }), field: 'change.rules.0.paths.0.path' },
  { what: 'an unknown pathType', request: path({ pathType: 'Regex' }), field: 'change.rules.0.paths.0.pathType' },
  { what: 'a Service name with capitals', request: path({ backend: { service: 'Web', port: 80 } }), field: 'change.rules.0.paths.0.backend.service' },
  { what: 'a Service name of 64 characters', request: path({ backend: { service: 'a'.repeat(64), port: 80 } }), field: 'change.rules.0.paths.0.backend.service' },
  { what: 'a Service name with a dot', request: path({ backend: { service: 'web.prod', port: 80 } }), field: 'change.rules.0.paths.0.backend.service' },
  { what: 'port 0', request: path({ backend: { service: 'web', port: 0 } }), field: 'change.rules.0.paths.0.backend' },
  { what: 'port 65536', request: path({ backend: { service: 'web', port: 65536 } }), field: 'change.rules.0.paths.0.backend.port' },
  { what: 'a port name with capitals', request: path({ backend: { service: 'web', port: 'HTTP' } }), field: 'change.rules.0.paths.0.backend.port' },
  { what: 'a port name of 16 characters', request: path({ backend: { service: 'web', port: 'abcdefghijklmnop' } }), field: 'change.rules.0.paths.0.backend.port' },
  { what: 'a port name without a letter', request: path({ backend: { service: 'web', port: '8080' } }), field: 'change.rules.0.paths.0.backend.port' },
  { what: 'a port name with --', request: path({ backend: { service: 'web', port: 'a--b' } }), field: 'change.rules.0.paths.0.backend.port' },
  { what: 'a bad default backend Service', request: base({ defaultBackend: { service: 'Web', port: 80 } }), field: 'change.defaultBackend.service' },
  { what: 'neither rules nor a default backend', request: base({ rules: [] }), field: 'change.rules' },
  { what: 'a bad TLS host', request: base({ tls: [{ hosts: ['Bad_Host'], secretName: 'tls' }] }), field: 'change.tls.0.hosts' },
  { what: 'a bad TLS wildcard', request: base({ tls: [{ hosts: ['foo.*.example.com'], secretName: 'tls' }] }), field: 'change.tls.0.hosts' },
  { what: 'a bad TLS secretName', request: base({ tls: [{ hosts: ['foo.example.com'], secretName: 'Bad_Secret' }] }), field: 'change.tls.0.secretName' },
  { what: 'a bad ingressClassName', request: base({ ingressClassName: 'Nginx' }), field: 'change.ingressClassName' },
  {
    what: 'the class annotation naming another class than ingressClassName',
    request: base({ ingressClassName: 'traefik', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
    field: 'change.annotations',
  },
  { what: 'a bad annotation key', request: base({ annotations: { 'bad key': 'x' } }), field: 'change.annotations' },
  { what: 'a bad label value', request: base({ labels: { app: 'not ok' } }), field: 'change.labels' },
  { what: 'a bad name', request: base({ name: 'Bad_Name' }), field: 'change.name' },
];

/** Accepted by the apiserver, so the contract must accept them too. */
const VALID: AcceptedCase<TIngressRequest>[] = [
  { what: 'a wildcard host', request: rule({ host: '*.example.com' }) },
  { what: 'no host (every host)', request: rule({ host: undefined }) },
  { what: 'an ImplementationSpecific rule without a path', request: path({ path: undefined, pathType: 'ImplementationSpecific' }) },
  { what: 'a path with ~ and %20', request: path({ path: '/~user/a%20b', pathType: 'Exact' }) },
  { what: 'a port by name', request: path({ backend: { service: 'web', port: 'http' } }) },
  { what: 'a Service name starting with a digit (RelaxedServiceNameValidation)', request: path({ backend: { service: '1web', port: 80 } }) },
  { what: 'a default backend only', request: base({ rules: [], defaultBackend: backend }) },
  { what: 'a TLS host that is an IP', request: base({ tls: [{ hosts: ['10.0.0.1'], secretName: 'tls' }] }) },
  { what: 'the class annotation beside the same ingressClassName', request: base({ ingressClassName: 'nginx', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }) },
  { what: 'a TLS entry without a secretName', request: base({ tls: [{ hosts: ['*.example.com'] }] }) },
  {
    what: 'the course kuard Ingress',
    request: base({
      annotations: { 'kubernetes.io/ingress.class': 'nginx' },
      issuer: { kind: 'Issuer', name: 'letsencrypt-prod' },
      tls: [{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }],
      rules: [{ host: 'example.example.com', paths: [{ path: '/', pathType: 'Exact', backend: { service: 'kuard', port: 80 } }] }],
    }),
  },
];

describe('the Ingress contract refuses exactly what the apiserver refuses, on the same field', () => {
  itChecksTheContract(INVALID, VALID, (request) => contractFields(ZIngressRequest, request));
});

describe.each(kinds)('Ingress validation on the $name', (kind) => {
  const client = useAdminClient(kind, NS);

  const dryRun = async (request: TIngressRequest) => {
    const manifest = ingressManifest(request);
    const target = objectPath({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: NS, name: request.name });
    return client().apply(target, manifest as unknown as Record<string, unknown>, { fieldManager: 'portico', dryRun: true });
  };

  itChecksTheApiserver(INVALID, VALID, dryRun, ingressFormField);
});
