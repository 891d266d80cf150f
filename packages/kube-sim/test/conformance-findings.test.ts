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

  it('a keyed list a manager stops filling goes even when applied as `[]` (a Gateway without listeners: Required)', async () => {
    const listener = { name: 'tcp', port: 8443, protocol: 'UDP' };
    expect((await c.request('PATCH', `${GW}/no-listeners?fieldManager=bob`, gateway('no-listeners', { gatewayClassName: 'example', listeners: [listener] }), APPLY)).status).toBe(201);
    const r = await c.request('PATCH', `${GW}/no-listeners?fieldManager=bob&force=true`, gateway('no-listeners', { gatewayClassName: 'example', listeners: [] }), APPLY);
    expect([r.status, r.body.details?.causes?.map((x: Obj) => x.field)]).toEqual([422, ['spec.listeners', '<nil>']]);
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
