import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { RESOURCE_LIST, RESOURCES } from '@portico/kube';
import { describe, expect, it } from 'vitest';
import { type RawObject, convertObject, toRow } from './to-row.js';

// kube's test certificate: SANs shop.example.com and *.shop.example.com.
const SERVER_PEM = readFileSync(new URL('../../../../packages/kube/test/fixtures/srv.pem', import.meta.url), 'utf8');

/** What Postgres refuses in text and jsonb: NUL, and a surrogate without its other half. */
const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function refusedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (REFUSED.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) refusedStrings(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) refusedStrings(v, refusedStrings(k, out));
  }
  return out;
}

const hostileString = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom('\0', '\uD800', '\uDC00', 'a', '.', '😀'), { maxLength: 8 }).map((p) => p.join('')),
);
/** Any JSON, with the hostile strings above among its keys and values. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
/** Object-shaped input whose well-known fields (the ones toRow reads) hold anything. */
const hostileObject = fc.record(
  {
    apiVersion: anyJson,
    kind: anyJson,
    type: fc.oneof(fc.constant('kubernetes.io/tls'), anyJson),
    metadata: fc.oneof(anyJson, fc.record({ name: hostileString, namespace: anyJson, uid: anyJson, resourceVersion: anyJson, labels: anyJson, annotations: anyJson }, { requiredKeys: ['name'] })),
    spec: fc.oneof(anyJson, fc.record({ rules: anyJson, tls: anyJson, hostnames: anyJson, dnsNames: anyJson, listeners: anyJson, type: anyJson, ingressClassName: anyJson, template: anyJson })),
    data: fc.oneof(anyJson, fc.record({ 'tls.crt': fc.oneof(anyJson, fc.base64String()) })),
    status: anyJson,
  },
  { requiredKeys: [] },
);

describe('convertObject', () => {
  it('never throws and never yields a row Postgres would refuse, for any resource (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESOURCE_LIST), fc.oneof(hostileObject, anyJson), (res, raw) => {
        const result = convertObject(res, raw);
        expect(refusedStrings([result.namespace, result.name, result.warning])).toEqual([]);
        if (!result.row) {
          expect(result.warning).toMatch(/^skipped: /);
          return;
        }
        const row = result.row;
        expect(refusedStrings(row)).toEqual([]);
        for (const column of [row.apiVersion, row.kind, row.namespace, row.name, row.uid, row.resourceVersion]) expect(typeof column).toBe('string');
        expect(row.name).not.toBe('');
        expect(row.hosts.every((h) => typeof h === 'string')).toBe(true);
        expect(typeof row.labels === 'object' && !Array.isArray(row.labels)).toBe(true);
        expect([null, 'string']).toContain(row.ingressClass === null ? null : typeof row.ingressClass);
      }),
      { numRuns: 3000 },
    );
  });

  it('replaces a NUL in an annotation and says where', () => {
    const result = convertObject(RESOURCES.services, { metadata: { name: 'web', namespace: 'shop', annotations: { note: 'a\0b' } }, spec: { type: 'ClusterIP' } });
    expect(result.row?.body).toMatchObject({ metadata: { annotations: { note: 'a\uFFFDb' } } });
    expect(result.warning).toMatch(/replaced by U\+FFFD in metadata\.annotations\.note/);
  });

  it('stores a clean object without a warning', () => {
    expect(convertObject(RESOURCES.services, { metadata: { name: 'web', namespace: 'shop' }, spec: {} }).warning).toBeNull();
  });

  it('skips an object without a name, or one nested absurdly deep, with a warning', () => {
    const nameless = convertObject(RESOURCES.services, { metadata: {} });
    expect(nameless.row).toBeUndefined();
    expect(nameless.warning).toBe('skipped: the object has no name');
    let deep: unknown = {};
    for (let i = 0; i < 500; i++) deep = { d: deep };
    const tooDeep = convertObject(RESOURCES.services, { metadata: { name: 'deep', namespace: 'x' }, spec: deep });
    expect(tooDeep.row).toBeUndefined();
    expect(tooDeep.warning).toMatch(/^skipped: nested deeper/);
  });

  it('slims by the kind it asked for: a TLS Secret claiming to be a ConfigMap keeps no value', () => {
    const row = convertObject(RESOURCES.secrets, { kind: 'ConfigMap', type: 'kubernetes.io/tls', metadata: { name: 's', namespace: 'x' }, data: { 'tls.key': 'UFJJVkFURSBLRVk=' } }).row!;
    expect(JSON.stringify(row)).not.toContain('UFJJVkFURSBLRVk=');
    expect(row.kind).toBe('Secret');
  });
});

/** Objects of kube-sim's course scenario (the simulator's demo cluster), as a list returns them. */
const backend = (name: string) => ({ service: { name, port: { number: 80 } } });
const course: RawObject[] = [
  {
    kind: 'Ingress',
    metadata: { name: 'ingress-wildcard-host', namespace: 'demo' },
    spec: {
      rules: [
        {
          host: 'domain1.bar.com',
          http: {
            paths: [
              { pathType: 'Prefix', path: '/bar', backend: backend('service1') },
              { pathType: 'Prefix', path: '/foo', backend: backend('service2') },
            ],
          },
        },
        { host: 'domain2.foo.com', http: { paths: [{ pathType: 'Prefix', path: '/', backend: backend('service3') }] } },
      ],
    },
  },
  {
    kind: 'Ingress',
    metadata: { name: 'kuard', namespace: 'demo', annotations: { 'kubernetes.io/ingress.class': 'nginx', 'cert-manager.io/issuer': 'letsencrypt-prod' } },
    spec: {
      tls: [{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }],
      rules: [{ host: 'example.example.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: backend('kuard') }] } }],
    },
  },
  { kind: 'Service', metadata: { name: 'kuard', namespace: 'demo' }, spec: { selector: { app: 'kuard' }, ports: [{ port: 80, targetPort: 8080 }] } },
  {
    kind: 'Deployment',
    metadata: { name: 'kuard', namespace: 'demo' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'kuard' } },
      template: { metadata: { labels: { app: 'kuard' } }, spec: { containers: [{ name: 'kuard', image: 'kuard-amd64:1', ports: [{ containerPort: 8080 }] }] } },
    },
  },
];
const courseObject = (kind: string, name: string) => course.find((o) => o.kind === kind && o.metadata?.name === name)!;

describe('toRow columns (through the kinds readers)', () => {
  it('Ingress: hosts from rules and TLS once each, class from spec or the legacy annotation', () => {
    const wildcard = toRow(RESOURCES.ingresses, courseObject('Ingress', 'ingress-wildcard-host'));
    expect(wildcard).toMatchObject({ hosts: ['domain1.bar.com', 'domain2.foo.com'], ingressClass: null, serviceType: null, apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: 'demo' });
    expect(toRow(RESOURCES.ingresses, courseObject('Ingress', 'kuard'))).toMatchObject({ hosts: ['example.example.com'], ingressClass: 'nginx' });
    const both = toRow(RESOURCES.ingresses, { metadata: { name: 'i', annotations: { 'kubernetes.io/ingress.class': 'old' } }, spec: { ingressClassName: 'new' } });
    expect(both.ingressClass).toBe('new');
  });

  it('Service: the type column, ClusterIP when unset; no hosts or class', () => {
    expect(toRow(RESOURCES.services, courseObject('Service', 'kuard'))).toMatchObject({ serviceType: 'ClusterIP', hosts: [], ingressClass: null });
    expect(toRow(RESOURCES.services, { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer' } }).serviceType).toBe('LoadBalancer');
  });

  it('Gateway API and cert-manager kinds: hosts and class columns', () => {
    const gw = toRow(RESOURCES.gateways, {
      metadata: { name: 'edge', namespace: 'infra' },
      spec: {
        gatewayClassName: 'envoy',
        listeners: [
          { name: 'a', port: 80, protocol: 'HTTP', hostname: 'a.example.com' },
          { name: 'b', port: 80, protocol: 'HTTP' },
        ],
      },
    });
    expect(gw).toMatchObject({ hosts: ['a.example.com'], ingressClass: 'envoy', apiVersion: 'gateway.networking.k8s.io/v1' });
    expect(toRow(RESOURCES.gatewayclasses, { metadata: { name: 'envoy' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } }).ingressClass).toBe(
      'gateway.envoyproxy.io/gatewayclass-controller',
    );
    expect(toRow(RESOURCES.httproutes, { metadata: { name: 'r', namespace: 'shop' }, spec: { hostnames: ['store.example.com'] } }).hosts).toEqual(['store.example.com']);
    expect(toRow(RESOURCES.certificates, { metadata: { name: 'c', namespace: 'shop' }, spec: { dnsNames: ['shop.example.com'] } }).hosts).toEqual(['shop.example.com']);
    const grant = { metadata: { name: 'g', namespace: 'demo' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service' }] } };
    expect(toRow(RESOURCES.referencegrants, grant)).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      namespace: 'demo',
      hosts: [],
      ingressClass: null,
      body: { spec: grant.spec },
    });
    expect(toRow(RESOURCES.deployments, courseObject('Deployment', 'kuard'))).toMatchObject({ hosts: [], ingressClass: null, serviceType: null });
  });

  it('TLS Secret: the certificate facts are stored, its names become the hosts, the key is gone', () => {
    const secret = { type: 'kubernetes.io/tls', metadata: { name: 'shop-tls', namespace: 'shop' }, data: { 'tls.crt': Buffer.from(SERVER_PEM).toString('base64'), 'tls.key': 'UFJJVkFURSBLRVk=' } };
    const row = toRow(RESOURCES.secrets, secret);
    expect(row.hosts).toEqual(['shop.example.com', '*.shop.example.com']);
    expect((row.body as { certificate?: unknown }).certificate).toMatchObject({ dnsNames: ['shop.example.com', '*.shop.example.com'], notAfter: expect.stringMatching(/^\d{4}-/) });
    expect(JSON.stringify(row)).not.toContain('UFJJVkFURSBLRVk=');
    const broken = toRow(RESOURCES.secrets, { type: 'kubernetes.io/tls', metadata: { name: 'x' }, data: {} });
    expect(broken).toMatchObject({ hosts: [], body: { certificate: { error: 'The Secret has no tls.crt.' } } });
  });
});
