/**
 * Differences that `npm run conformance` and the kubectl suite found between the simulator and a
 * real kube-apiserver 1.36.3, each kept as a fixed case. The same steps run on both backends and
 * must give the answers written here (recorded from the real apiserver), so a regression in the
 * simulator shows even without a fresh differential run. docs/testing.md lists them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlaneBinary, startControlPlane } from '../../control-plane/index.js';
import { BackendClient } from '../src/differential/client.js';
import { startSimulator } from '../src/index.js';

type Obj = Record<string, any>;
const binary = controlPlaneBinary();
if (binary.skip) console.warn(`[conformance findings] real apiserver half skipped: ${binary.skip}`);

const ING = '/apis/networking.k8s.io/v1/namespaces/default/ingresses';
const GW = '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways';
const ROUTE = '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes';
const SVC = '/api/v1/namespaces/default/services';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const APPLY = 'application/apply-patch+yaml';

const owners = (o: Obj) => Object.fromEntries(((o.metadata?.managedFields ?? []) as Obj[]).map((m) => [`${m.manager}/${m.operation}`, m.fieldsV1]));
const ingress = (name: string, spec: Obj) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name }, spec });
const gateway = (name: string, spec: Obj) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name }, spec });

const backends = [
  { name: 'simulator', start: async () => startSimulator({ scenario: 'empty' }).then((s) => ({ url: s.url, caPem: s.caPem, token: s.tokens.admin, close: () => s.close() })) },
  ...(binary.skip ? [] : [{ name: 'real', start: async () => startControlPlane({ controllerManager: false }).then((c) => ({ url: c.url, caPem: c.caPem, token: c.token, close: () => c.close() })) }]),
];

describe.each(backends)('conformance findings on the $name backend', ({ name, start }) => {
  let c: BackendClient;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const b = await start();
    c = new BackendClient({ name, url: b.url, caPem: b.caPem, token: b.token });
    close = b.close;
  }, 120_000);
  afterAll(async () => {
    c?.close();
    await close?.();
  });

  it('a field applied as `{}` and later with children is not removed (its other owners keep theirs)', async () => {
    const body = ingress('keep-backend', { defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } }, tls: [{}] });
    expect((await c.request('POST', ING, body)).status).toBe(201);
    expect((await c.request('PATCH', `${ING}/keep-backend?fieldManager=alice&force=true`, ingress('keep-backend', {}), APPLY)).status).toBe(200);
    const r = await c.request(
      'PATCH',
      `${ING}/keep-backend?fieldManager=alice&force=true`,
      ingress('keep-backend', { rules: [{ host: '*.example.com' }], tls: [{ hosts: ['a.example.com'] }] }),
      APPLY,
    );
    expect(r.status).toBe(200);
    expect(r.body.spec.defaultBackend).toEqual(body.spec.defaultBackend);
    expect(owners(r.body)['differential/Update']).toEqual({ 'f:spec': { 'f:defaultBackend': { '.': {}, 'f:resource': {} } } });
  });

  it('an apply config that owns nothing leaves no managedFields entry', async () => {
    expect(
      (await c.request('PATCH', `${GW}/no-owner?fieldManager=alice`, gateway('no-owner', { gatewayClassName: 'example', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }), APPLY)).status,
    ).toBe(201);
    const r = await c.request('PATCH', `${GW}/no-owner?fieldManager=bob`, gateway('no-owner', { listeners: [] }), APPLY);
    expect(r.status).toBe(200);
    expect(Object.keys(owners(r.body))).toEqual(['alice/Apply']);
  });

  it('a map the removals empty goes even when the config applies it as `{}`', async () => {
    const svc = { service: { name: 'api', port: { number: 80 } } };
    expect((await c.request('PATCH', `${ING}/emptied?fieldManager=bob`, ingress('emptied', { defaultBackend: svc }), APPLY)).status).toBe(201);
    const r = await c.request('PATCH', `${ING}/emptied?fieldManager=bob&dryRun=All`, ingress('emptied', { defaultBackend: {} }), APPLY);
    expect(r.status).toBe(422);
    expect(r.body.details.causes.map((x: Obj) => x.field)).toEqual(['spec']);
  });

  it('a listener `tls` applied only for its certificateRefs goes whole (defaulted mode too) when no longer applied', async () => {
    const listener = { name: 'tcp', port: 443, protocol: 'HTTPS' };
    const first = gateway('tls-gone', { gatewayClassName: 'example', listeners: [{ ...listener, tls: { certificateRefs: [{ name: 'cert' }] } }] });
    const created = await c.request('PATCH', `${GW}/tls-gone?fieldManager=alice`, first, APPLY);
    expect(created.body.spec.listeners[0].tls.mode).toBe('Terminate');
    const r = await c.request('PATCH', `${GW}/tls-gone?fieldManager=alice`, gateway('tls-gone', { gatewayClassName: 'example', listeners: [listener] }), APPLY);
    expect(r.status).toBe(200);
    expect(r.body.spec.listeners[0].tls).toBeUndefined();
  });

  it('an update owns the presence of the maps it adds: the creator keeps `spec` after losing every leaf', async () => {
    const created = await c.request('POST', ROUTE, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'presence' }, spec: {} });
    expect(owners(created.body)['differential/Update']).toEqual({ 'f:spec': { '.': {}, 'f:rules': {} } });
    const body = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'presence' }, spec: { rules: [{ matches: [] }] } };
    const r = await c.request('PATCH', `${ROUTE}/presence?fieldManager=bob&force=true`, body, APPLY);
    expect(r.status).toBe(200);
    expect(owners(r.body)['differential/Update']).toEqual({ 'f:spec': {} });
  });

  it('managedFields set by a patch replace the ownership record (kubectl moving client-side apply to server-side)', async () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'moved' }, spec: { ports: [{ port: 80 }], selector: { app: 'web' } } };
    const created = await c.request('POST', `${SVC}?fieldManager=kubectl-client-side-apply`, svc);
    const entry = created.body.metadata.managedFields[0] as Obj;
    const patch = [{ op: 'replace', path: '/metadata/managedFields', value: [{ ...entry, manager: 'kubectl', operation: 'Apply' }] }];
    const r = await c.request('PATCH', `${SVC}/moved?fieldManager=kubectl`, patch, 'application/json-patch+json');
    expect(r.status).toBe(200);
    expect(Object.keys(owners(r.body))).toEqual(['kubectl/Apply']);
  });

  it('a server-side apply by `kubectl` rewrites the client-side last-applied annotation; other managers leave it', async () => {
    const key = 'kubectl.kubernetes.io/last-applied-configuration';
    const svc = (annotations?: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'last', ...(annotations ? { annotations } : {}) }, spec: { ports: [{ port: 80 }] } });
    expect((await c.request('POST', SVC, svc({ [key]: '{}' }))).status).toBe(201);
    const other = await c.request('PATCH', `${SVC}/last?fieldManager=other`, svc(), APPLY);
    expect(other.body.metadata.annotations[key]).toBe('{}');
    const r = await c.request('PATCH', `${SVC}/last?fieldManager=kubectl&force=true`, { ...svc({ [key]: 'dropped', team: 'a' }), spec: { ports: [{ port: 80 }], type: 'ClusterIP' } }, APPLY);
    expect(r.body.metadata.annotations[key]).toBe('{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{"team":"a"},"name":"last"},"spec":{"ports":[{"port":80}],"type":"ClusterIP"}}\n');
  });

  it('annotation keys are checked lower-cased: `Example.com/x` is a valid annotation key but not a valid label key', async () => {
    const svc = (meta: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'keys', ...meta }, spec: { ports: [{ port: 80 }] } });
    const label = await c.request('POST', `${SVC}?dryRun=All`, svc({ labels: { 'Example.com/x': 'y' } }));
    expect([label.status, label.body.details?.causes?.[0]?.field]).toEqual([422, 'metadata.labels']);
    const annotation = await c.request('POST', `${SVC}?dryRun=All`, svc({ annotations: { 'Example.com/x': 'y' } }));
    expect(annotation.status).toBe(201);
  });

  it('a dry-run create refuses a nodePort that another port number of the same Service requested (one port number may share it)', async () => {
    const svc = (ports: Obj[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports } });
    const clash = await c.request(
      'POST',
      `${SVC}?dryRun=All`,
      svc([
        { name: 'a', port: 80, nodePort: 30080 },
        { name: 'b', port: 81, nodePort: 30080 },
      ]),
    );
    expect([clash.status, clash.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, ['spec.ports[1].nodePort']]);
    const shared = await c.request(
      'POST',
      `${SVC}?dryRun=All`,
      svc([
        { name: 'a', port: 53, protocol: 'TCP', nodePort: 30053 },
        { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 },
      ]),
    );
    expect(shared.status).toBe(201);
  });

  it("nodePorts are taken port by port (initNodePorts): a dry-run placeholder and a later port number's request count as held", async () => {
    const svc = (ports: Obj[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np-order' }, spec: { type: 'NodePort', ports } });
    const fields = (r: { status: number; body: Obj }) => [r.status, r.body.details?.causes?.map((x: Obj) => x.field)];
    // The second port's dynamic placeholder is 30101 (the highest held + 1), which the third then requests.
    const placeholder = await c.request(
      'POST',
      `${SVC}?dryRun=All`,
      svc([
        { name: 'a', port: 80, nodePort: 30100 },
        { name: 'b', port: 81 },
        { name: 'c', port: 82, nodePort: 30101 },
      ]),
    );
    expect(fields(placeholder)).toEqual([422, ['spec.ports[2].nodePort']]);
    // Port 81's first entry takes the nodePort its later entry requests, already held by port 80.
    const ports = [
      { name: 'a', port: 80, nodePort: 30102 },
      { name: 'b', port: 81 },
      { name: 'c', port: 81, protocol: 'UDP', nodePort: 30102 },
    ];
    expect(fields(await c.request('POST', `${SVC}?dryRun=All`, svc(ports)))).toEqual([422, ['spec.ports[1].nodePort']]);
    expect(fields(await c.request('POST', SVC, svc(ports)))).toEqual([422, ['spec.ports[1].nodePort']]);
  });

  it('an update allocates nodePorts before validation (updateNodePorts): their errors come alone, a dry run included', async () => {
    const svc = (name: string, spec: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
    const fields = (r: { status: number; body: Obj }) => [r.status, r.body.details?.causes?.map((x: Obj) => x.field)];
    expect((await c.request('POST', SVC, svc('np-holder', { type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] }))).status).toBe(201);
    expect((await c.request('POST', SVC, svc('np-update', { ports: [{ port: 80 }] }))).status).toBe(201);
    const patch = (nodePort: number) => ({ spec: { type: 'NodePort', ports: [{ port: 80, nodePort }], sessionAffinity: 'Bogus' } });
    const MERGE = 'application/merge-patch+json';
    expect(fields(await c.request('PATCH', `${SVC}/np-update`, patch(32768), MERGE))).toEqual([422, ['spec.ports[0].nodePort']]);
    expect(fields(await c.request('PATCH', `${SVC}/np-update?dryRun=All`, patch(30200), MERGE))).toEqual([422, ['spec.ports[0].nodePort']]);
    expect(fields(await c.request('PATCH', `${SVC}/np-update?dryRun=All`, patch(30201), MERGE))).toEqual([422, ['spec.sessionAffinity']]);
  });

  it('a keyed list a manager stops filling goes even when applied as `[]` (a Gateway without listeners: Required)', async () => {
    const listener = { name: 'tcp', port: 8443, protocol: 'UDP' };
    expect((await c.request('PATCH', `${GW}/no-listeners?fieldManager=bob`, gateway('no-listeners', { gatewayClassName: 'example', listeners: [listener] }), APPLY)).status).toBe(201);
    const r = await c.request('PATCH', `${GW}/no-listeners?fieldManager=bob&force=true`, gateway('no-listeners', { gatewayClassName: 'example', listeners: [] }), APPLY);
    expect([r.status, r.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, ['spec.listeners', '<nil>']]);
  });

  it('a spec that owns nothing (`spec: {listeners: []}`) goes whole when its manager applied the rest before: `spec` Required', async () => {
    const full = gateway('hollow', { gatewayClassName: 'example', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });
    expect((await c.request('PATCH', `${GW}/hollow?fieldManager=alice`, full, APPLY)).status).toBe(201);
    const r = await c.request('PATCH', `${GW}/hollow?fieldManager=alice`, gateway('hollow', { listeners: [] }), APPLY);
    expect([r.status, r.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, ['spec', '<nil>']]);
  });

  it('a headless PreferDualStack Service with families the cluster lacks may gain a selector: the family pass is skipped, validation runs', async () => {
    const spec = { clusterIP: 'None', ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6'], ports: [{ port: 80 }] };
    const created = await c.request('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'prefer-dual' }, spec });
    expect([created.status, created.body.spec.ipFamilies]).toEqual([201, ['IPv6', 'IPv4']]);
    const invalid = await c.request('PATCH', `${SVC}/prefer-dual`, { spec: { selector: { app: 'a b' } } }, 'application/merge-patch+json');
    expect([invalid.status, invalid.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, ['spec.selector']]);
    const valid = await c.request('PATCH', `${SVC}/prefer-dual`, { spec: { selector: { app: 'web' } } }, 'application/merge-patch+json');
    expect([valid.status, valid.body.spec.ipFamilies]).toEqual([200, ['IPv6', 'IPv4']]);
  });

  it('a headless RequireDualStack Service that gains a selector gets the dual-stack errors alone, before validation', async () => {
    const spec = { clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'], ports: [{ port: 80 }] };
    const created = await c.request('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'require-dual' }, spec });
    expect([created.status, created.body.spec.ipFamilyPolicy]).toEqual([201, 'RequireDualStack']);
    const r = await c.request('PATCH', `${SVC}/require-dual`, { spec: { selector: { app: 'a b' } } }, 'application/merge-patch+json');
    expect([r.status, r.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, ['spec.ipFamilyPolicy', 'spec.ipFamilies[1]']]);
  });

  it('a changed clusterIP is refused by validation (`spec.clusterIPs[0]: may not change once set`), together with the other errors', async () => {
    expect((await c.request('POST', SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'moved-ip' }, spec: { ports: [{ port: 80 }] } })).status).toBe(201);
    const r = await c.request('PATCH', `${SVC}/moved-ip`, { metadata: { labels: { '-bad': 'x' } }, spec: { clusterIP: '10.200.0.1' } }, 'application/merge-patch+json');
    // The real apiserver names the bad label key once per failed rule; fields are compared as a set.
    expect([r.status, [...new Set(r.body.details?.causes?.map((x: Obj) => x.field))]]).toEqual([422, ['metadata.labels', 'spec.clusterIPs[0]']]);
  });

  it('external IPs may not be unspecified, loopback, link-local or IPv4-mapped; IPv6 source ranges may not set bits beyond the prefix', async () => {
    const svc = (spec: Obj) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'special-ips' }, spec: { ports: [{ port: 80 }], ...spec } });
    const externalIPs = ['0.0.0.0', '127.0.0.2', '169.254.1.1', '224.0.0.5', '::', '::1', 'fe80::1', 'ff02::2', '::ffff:10.1.2.3', '10.1.2.3', '2001:db8::1'];
    const refused = await c.request('POST', `${SVC}?dryRun=All`, svc({ externalIPs }));
    expect([refused.status, refused.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, externalIPs.slice(0, 9).map((_, i) => `spec.externalIPs[${i}]`)]);
    const ranges = ['2001:db8::1/64', '2001:db8::/64', '10.0.0.0/8', '::ffff:10.0.0.0/104', 'fe80::/010'];
    const lb = await c.request('POST', `${SVC}?dryRun=All`, svc({ type: 'LoadBalancer', loadBalancerSourceRanges: ranges }));
    expect([lb.status, lb.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, [0, 3, 4].map((i) => `spec.LoadBalancerSourceRanges[${i}]`)]);
  });

  it('a Deployment sent with `strategy: {}` and a null template creationTimestamp (as kubectl create sends it) is defaulted', async () => {
    const spec = {
      selector: { matchLabels: { app: 'd' } },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    };
    const r = await c.request('POST', DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
    expect(r.status).toBe(201);
    expect(r.body.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(r.body.spec.template.metadata).toEqual({ labels: { app: 'd' } });
  });
});
