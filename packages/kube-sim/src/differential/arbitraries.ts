/**
 * fast-check generators of Service, Ingress, HTTPRoute and Gateway objects, valid and invalid,
 * and of operation sequences over one object. Values are drawn from pools biased towards the
 * edges where validators differ (length limits, range ends, wildcard forms, duplicates).
 */
import fc from 'fast-check';

export type Kind = 'Service' | 'Ingress' | 'HTTPRoute' | 'Gateway';
type Obj = Record<string, unknown>;

export type Op =
  | { op: 'create'; body: Obj; dryRun: boolean }
  | { op: 'apply'; manager: 'alice' | 'bob'; body: Obj; force: boolean; dryRun: boolean }
  | { op: 'merge'; patch: Obj; dryRun: boolean }
  | { op: 'json'; patch: Obj[]; dryRun: boolean }
  | { op: 'delete'; dryRun: boolean }
  | { op: 'get' };

export interface Case {
  kind: Kind;
  name: string;
  ops: Op[];
}

/** Leaves `undefined` out; `freq` 2 = absent about a third of the time. */
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const pick = <T>(...v: T[]) => fc.constantFrom<T>(...v);

const clean = (o: unknown): any => JSON.parse(JSON.stringify(o));

// --- shared pools -----------------------------------------------------------------------------

const label = (n: number) => 'a'.repeat(n);
/** Names of each edge class; `ok` names get a random suffix so cases rarely collide. */
const nameArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pick('svc', 'web', 'api', 'x'), fc.integer({ min: 0, max: 1e6 })).map(([p, n]) => `${p}-${n}`) },
  {
    weight: 3,
    arbitrary: pick(
      '',
      'a',
      'A',
      'aB',
      '1abc',
      '-a',
      'a-',
      'a_b',
      'a.b',
      'a..b',
      'a.b.',
      `${label(62)}z`,
      `${label(63)}z`,
      `${label(60)}.b`,
      `${label(63)}.${label(63)}.${label(63)}.${label(61)}`,
      `${label(63)}.${label(63)}.${label(63)}.${label(62)}`,
      'ünicode',
      'a b',
    ),
  },
);

const hostArb = pick(
  'example.com',
  'foo.example.com',
  '*.example.com',
  '*',
  '*.*.example.com',
  'a.*.com',
  '*example.com',
  '10.0.0.1',
  '2001:db8::1',
  'Example.com',
  'foo..com',
  'foo.com.',
  '-foo.com',
  `${label(63)}.com`,
  `${label(64)}.com`,
  `${label(63)}.${label(63)}.${label(63)}.${label(61)}`,
  'a_b.com',
  '',
);

const labelKeyArb = pick('app', 'app.kubernetes.io/name', 'tier', 'a/b/c', '-bad', label(63), label(64), 'Example.com/x', 'example.com/', '/x', 'x_y');
const labelValueArb = pick('web', '', 'v1.2', label(63), label(64), '-bad', 'a_b', 'a b');
const labelsArb = fc.dictionary(labelKeyArb, labelValueArb, { maxKeys: 2 });

function meta(kind: Kind, name: string, labels: Obj | undefined): Obj {
  const apiVersion = kind === 'Service' ? 'v1' : kind === 'Ingress' ? 'networking.k8s.io/v1' : 'gateway.networking.k8s.io/v1';
  return { apiVersion, kind, metadata: { name, ...(labels && Object.keys(labels).length ? { labels } : {}) } };
}

// --- Service --------------------------------------------------------------------------------

const servicePort = fc.record({
  name: opt(pick('http', 'https', 'web', 'metrics', 'HTTP', 'a-', '-a', label(16), label(15), '1', 'a--b', 'a.b', '')),
  port: pick(0, 1, 80, 80, 443, 8080, 65535, 65536, -1),
  protocol: opt(pick('TCP', 'UDP', 'SCTP', 'tcp', 'HTTP')),
  targetPort: opt(pick<number | string>(0, 1, 8080, 65535, 65536, 'http', 'HTTP', 'a--b', '8080', 'abcdefghijklmnop', 'metrics', '-x', '')),
  nodePort: opt(pick(0, 29999, 30000, 30001, 30042, 30085, 32767, 32768)),
  appProtocol: opt(pick('http', 'kubernetes.io/h2c', 'bad proto', 'example.com/x')),
});

const serviceSpec = fc.record({
  type: opt(pick('ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Bogus')),
  clusterIP: opt(pick('None', 'None', '', '10.96.0.42', '10.96.0.0', '10.200.0.1', 'not-an-ip', '::1')),
  ports: opt(fc.array(servicePort, { maxLength: 3 })),
  selector: opt(fc.dictionary(labelKeyArb, labelValueArb, { maxKeys: 2 })),
  externalName: opt(pick('example.com', 'example.com.', 'Example.com', 'a..b', '*.example.com', '10.0.0.1', `${label(63)}.${label(63)}.${label(63)}.${label(62)}`)),
  ipFamilies: opt(pick(['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv4', 'IPv4'], [], ['Bogus'])),
  ipFamilyPolicy: opt(pick('SingleStack', 'PreferDualStack', 'RequireDualStack', 'Bogus')),
  externalTrafficPolicy: opt(pick('Cluster', 'Local', 'Bogus')),
  internalTrafficPolicy: opt(pick('Cluster', 'Local', 'Bogus')),
  sessionAffinity: opt(pick('None', 'ClientIP', 'Bogus')),
  allocateLoadBalancerNodePorts: opt(fc.boolean()),
  publishNotReadyAddresses: opt(fc.boolean()),
});

// --- Ingress --------------------------------------------------------------------------------

const ingressBackend = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      service: fc.record({
        name: pick('web', 'api', '', 'Web', '1web', 'a.b', label(64)),
        port: fc.oneof(fc.record({ number: pick(80, 0, 65535, 65536) }), fc.record({ name: pick('http', 'HTTP', 'a--b', label(16)) }), fc.constant({ number: 80, name: 'http' }), fc.constant({})),
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } }) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ service: { name: 'web', port: { number: 80 } }, resource: { kind: 'StorageBucket', name: 'b' } }) },
);

const ingressPath = fc.record({
  path: opt(pick('/', '/api', '/api/', 'api', '/a//b', '/a/../b', '/a/./b', '/%2f', '/~x', '', '/a b', '/*', '/a;b')),
  pathType: opt(pick('Exact', 'Prefix', 'Prefix', 'ImplementationSpecific', 'Regex')),
  backend: ingressBackend,
});

const ingressSpec = fc.record({
  ingressClassName: opt(pick('nginx', 'Nginx', 'a.b', '')),
  defaultBackend: opt(ingressBackend),
  rules: opt(fc.array(fc.record({ host: opt(hostArb), http: opt(fc.record({ paths: fc.array(ingressPath, { maxLength: 2 }) })) }), { maxLength: 2 })),
  tls: opt(fc.array(fc.record({ hosts: opt(fc.array(hostArb, { maxLength: 2 })), secretName: opt(pick('tls', 'Bad_Name', '', 'a.b')) }), { maxLength: 2 })),
});

// --- Gateway API ----------------------------------------------------------------------------

const listener = fc.record({
  name: pick('http', 'https', 'tls', 'tcp', 'Bad', 'a.b', '', label(253)),
  hostname: opt(hostArb),
  port: pick(80, 443, 8443, 1, 0, 65535, 65536),
  protocol: pick('HTTP', 'HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP', 'example.com/custom', 'bogus'),
  tls: opt(fc.record({ mode: opt(pick('Terminate', 'Passthrough', 'Bad')), certificateRefs: opt(pick([{ name: 'cert' }], [], [{ name: 'cert', kind: 'Secret', group: '' }], [{ name: '' }])) })),
  allowedRoutes: opt(fc.record({ namespaces: opt(fc.record({ from: pick('Same', 'All', 'Selector', 'Bad') })) })),
});

const gatewaySpec = fc.record({
  gatewayClassName: pick('example', 'example', '', 'Bad Class', label(254)),
  listeners: fc.array(listener, { maxLength: 3 }),
  // Only valid IP values: the schema's oneOf/format checks on address values are not followed (docs/testing.md).
  addresses: opt(
    pick(
      [{ type: 'IPAddress', value: '10.0.0.1' }],
      [{ value: '10.0.0.2' }],
      [{ type: 'Hostname', value: '*.example.com' }],
      [{ type: 'Hostname', value: 'Bad_Host' }],
      [
        { type: 'IPAddress', value: '10.0.0.1' },
        { type: 'IPAddress', value: '10.0.0.1' },
      ],
    ),
  ),
});

const backendRef = fc.record({
  name: pick('svc', 'svc', '', 'Bad', label(254)),
  port: opt(pick<number>(80, 0, 65535, 65536)),
  weight: opt(pick(0, 1, 1000000, 1000001, -1)),
  kind: opt(pick('Service', 'Other')),
  group: opt(pick('', 'example.com')),
});

const routeMatch = fc.record({
  path: opt(fc.record({ type: opt(pick('Exact', 'PathPrefix', 'PathPrefix', 'RegularExpression', 'Bad')), value: opt(pick('/', '/api', 'api', '/a//b', '', '/a/../b', '/%2f')) })),
  method: opt(pick('GET', 'POST', 'BAD')),
  headers: opt(
    pick(
      [{ name: 'x-a', value: '1' }],
      [{ name: 'bad name', value: 'x' }],
      [
        { name: 'x-a', value: '1' },
        { name: 'x-a', value: '2' },
      ],
    ),
  ),
});

const httpRouteSpec = fc.record({
  parentRefs: opt(fc.array(fc.record({ name: pick('gw', 'gw', '', 'Bad'), sectionName: opt(pick('http', 'Bad Name')), port: opt(pick(80, 0, 65536)) }), { maxLength: 2 })),
  hostnames: opt(fc.array(hostArb, { maxLength: 2 })),
  rules: opt(fc.array(fc.record({ matches: opt(fc.array(routeMatch, { maxLength: 2 })), backendRefs: opt(fc.array(backendRef, { maxLength: 2 })) }), { maxLength: 2 })),
});

const SPECS: Record<Kind, fc.Arbitrary<Obj>> = { Service: serviceSpec, Ingress: ingressSpec, HTTPRoute: httpRouteSpec, Gateway: gatewaySpec };

// --- operation sequences --------------------------------------------------------------------

/** A few keys of `spec` (a partial config another manager might apply). */
function someKeys(spec: Obj, keys: string[]): Obj {
  return Object.fromEntries(Object.entries(spec).filter(([k]) => keys.includes(k)));
}

const jsonPatchArb = (kind: Kind) =>
  fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('add'), path: fc.constant('/metadata/labels'), value: labelsArb }),
      fc.constant({ op: 'replace', path: '/spec/type', value: 'NodePort' }),
      fc.constant({ op: 'remove', path: '/spec/selector' }),
      fc.constant({ op: 'test', path: '/metadata/name', value: 'nope' }),
      fc.constant({ op: 'replace', path: kind === 'Service' ? '/spec/ports/0/port' : '/spec/rules/0/host', value: kind === 'Service' ? 8081 : 'b.example.com' }),
      fc.constant({ op: 'add', path: '/spec/unknownField', value: 1 }),
      fc.constant({ op: 'move', path: '/metadata/annotations', from: '/metadata/labels' }),
    ),
    { minLength: 1, maxLength: 2 },
  );

function opArb(kind: Kind, name: string, labels: Obj | undefined): fc.Arbitrary<Op> {
  const body = (spec: Obj, l = labels) => clean({ ...meta(kind, name, l), spec });
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ op: fc.constant('create' as const), body: SPECS[kind].map((s) => body(s)), dryRun: fc.boolean() }) },
    {
      weight: 4,
      arbitrary: fc
        .record({
          manager: pick('alice' as const, 'bob' as const),
          spec: SPECS[kind],
          keys: fc.subarray(
            Object.keys(
              kind === 'Service'
                ? { type: 1, ports: 1, selector: 1, sessionAffinity: 1, clusterIP: 1 }
                : kind === 'Ingress'
                  ? { rules: 1, tls: 1, ingressClassName: 1, defaultBackend: 1 }
                  : kind === 'Gateway'
                    ? { gatewayClassName: 1, listeners: 1 }
                    : { hostnames: 1, rules: 1, parentRefs: 1 },
            ),
            { minLength: 1 },
          ),
          whole: fc.boolean(),
          labels: opt(labelsArb),
          force: fc.boolean(),
          dryRun: fc.boolean(),
        })
        .map((r) => ({ op: 'apply' as const, manager: r.manager, body: body(r.whole ? r.spec : someKeys(r.spec, r.keys), r.labels), force: r.force, dryRun: r.dryRun })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          spec: SPECS[kind],
          keys: fc.subarray(['type', 'ports', 'selector', 'rules', 'tls', 'hostnames', 'listeners', 'gatewayClassName', 'ingressClassName'], { minLength: 1 }),
          labels: opt(labelsArb),
          dryRun: fc.boolean(),
        })
        .map((r) => ({ op: 'merge' as const, patch: clean({ metadata: r.labels ? { labels: r.labels } : undefined, spec: someKeys(r.spec, r.keys) }), dryRun: r.dryRun })),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('json' as const), patch: jsonPatchArb(kind), dryRun: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), dryRun: fc.constant(true) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'get' as const }) },
  );
}

/** One case: an object of `kind`, created (POST or apply), then 0-4 more operations, then deleted. */
export function caseArb(kinds: Kind[] = ['Service', 'Ingress', 'HTTPRoute', 'Gateway']): fc.Arbitrary<Case> {
  return fc
    .record({ kind: pick(...kinds), name: nameArb, labels: opt(labelsArb) })
    .chain(({ kind, name, labels }) =>
      fc.record({
        kind: fc.constant(kind),
        name: fc.constant(name),
        first: fc.oneof(
          fc.record({ op: fc.constant('create' as const), body: SPECS[kind].map((s) => clean({ ...meta(kind, name, labels), spec: s })), dryRun: fc.boolean() }),
          fc.record({
            op: fc.constant('apply' as const),
            manager: fc.constant('alice' as const),
            body: SPECS[kind].map((s) => clean({ ...meta(kind, name, labels), spec: s })),
            force: fc.constant(false),
            dryRun: fc.boolean(),
          }),
        ),
        rest: fc.array(opArb(kind, name, labels), { maxLength: 4 }),
      }),
    )
    .map(({ kind, name, first, rest }) => ({ kind, name, ops: [first as Op, ...rest, { op: 'delete', dryRun: false }] }));
}

/** `n` cases, the same for the same seed. */
export function sampleCases(seed: number, n: number, kinds?: Kind[]): Case[] {
  return fc.sample(caseArb(kinds), { seed, numRuns: n });
}
