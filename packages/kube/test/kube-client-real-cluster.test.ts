/**
 * Smoke test of `KubeClient` against a real kube-apiserver (packages/control-plane): lists and a
 * watch as Portico's sync uses them, plus the controller-manager's work Portico reads
 * (Deployment → ReplicaSet, Service → EndpointSlice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlaneBinary, startControlPlane, type ControlPlane } from '../../control-plane/index.js';
import { LOOPBACK_ALLOWED } from './fixtures.js';
import { connectionFromToken, KubeClient, KubeHttpError, type WatchEvent } from '../src/index.js';

const binary = controlPlaneBinary();
if (binary.skip) console.warn(`[control-plane] KubeClient against a real apiserver is skipped: ${binary.skip}`);

interface Item {
  metadata: { name: string; namespace?: string; resourceVersion?: string; ownerReferences?: { kind: string; name: string }[] };
  spec?: { clusterIP?: string };
  status?: { phase?: string };
}
interface List {
  kind: string;
  metadata: { resourceVersion: string };
  items: Item[];
}

async function waitFor<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!!binary.skip)('KubeClient against a real kube-apiserver', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  const ns = 'shop';
  const create = async (path: string, body: unknown) => {
    const res = await cp.request('POST', path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const list = async (path: string) => (await client.getJson(path, { kind: 'list' })).body as List;
  const service = (name: string) => ({ metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } });

  beforeAll(async () => {
    cp = await startControlPlane();
    console.log(`[control-plane] ready in ${cp.startupMs} ms`);
    client = new KubeClient(connectionFromToken({ server: cp.url, token: cp.token, caPem: cp.caPem }), { addressPolicy: LOOPBACK_ALLOWED });
    await create('/api/v1/namespaces', { metadata: { name: ns } });
    await create(`/api/v1/namespaces/${ns}/services`, service('web'));
    await create(`/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`, {
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await cp?.close();
  });

  it('lists Services across namespaces, with ClusterIPs from the configured range', async () => {
    const services = await list('/api/v1/services?limit=500');
    expect(services.kind).toBe('ServiceList');
    const names = services.items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining(['default/kubernetes', `${ns}/web`]));
    const kubernetes = services.items.find((s) => s.metadata.name === 'kubernetes');
    expect(kubernetes?.spec?.clusterIP).toBe('10.96.0.1');
    // 10.96.0.0/12 spans 10.96.0.0 – 10.111.255.255.
    expect(services.items.find((s) => s.metadata.name === 'web')?.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
  });

  it('lists Ingresses and the CRD kinds Portico syncs', async () => {
    const ingresses = await list('/apis/networking.k8s.io/v1/ingresses');
    expect(ingresses.kind).toBe('IngressList');
    expect(ingresses.items.map((i) => i.metadata.name)).toEqual(['web']);
    for (const path of ['/apis/gateway.networking.k8s.io/v1/gateways', '/apis/gateway.networking.k8s.io/v1/httproutes', '/apis/cert-manager.io/v1/certificates']) {
      expect((await list(path)).items).toEqual([]);
    }
  });

  it('answers an unknown collection with a 404 KubeHttpError', async () => {
    await expect(client.getJson('/apis/example.com/v1/widgets')).rejects.toMatchObject({ status: 404 });
    await expect(client.getJson('/apis/example.com/v1/widgets')).rejects.toBeInstanceOf(KubeHttpError);
  });

  it('watches from a list resourceVersion and sees later changes in order', async () => {
    const start = await list(`/api/v1/namespaces/${ns}/services`);
    const events: WatchEvent[] = [];
    const abort = new AbortController();
    const watching = client
      .watch(`/api/v1/namespaces/${ns}/services?watch=1&allowWatchBookmarks=true&resourceVersion=${start.metadata.resourceVersion}`, (e) => events.push(e), { signal: abort.signal })
      .catch((err: unknown) => err);
    await create(`/api/v1/namespaces/${ns}/services`, service('api'));
    const deleted = await cp.request('DELETE', `/api/v1/namespaces/${ns}/services/web`);
    expect(deleted.status).toBe(200);
    const names = () => events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${(e.object as unknown as Item).metadata.name}`);
    await waitFor(async () => (names().length >= 2 ? true : undefined), 'two watch events');
    expect(names()).toEqual(['ADDED api', 'DELETED web']);
    abort.abort();
    await watching;
  });

  it('runs the controller-manager: a Deployment gets a ReplicaSet, a Service an EndpointSlice', async () => {
    await create(`/apis/apps/v1/namespaces/${ns}/deployments`, {
      metadata: { name: 'shop' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'app', image: 'registry.example/shop:1' }] } } },
    });
    const rs = await waitFor(
      async () => (await list(`/apis/apps/v1/namespaces/${ns}/replicasets`)).items.find((r) => r.metadata.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === 'shop')),
      'a ReplicaSet owned by the Deployment',
    );
    expect(rs.metadata.name).toMatch(/^shop-[a-z0-9]+$/);
    // No scheduler and no kubelet: the Pod exists but stays Pending.
    const pods = await waitFor(async () => {
      const items = (await list(`/api/v1/namespaces/${ns}/pods`)).items;
      return items.length > 0 ? items : undefined;
    }, 'the ReplicaSet to create a Pod');
    expect(pods.map((p) => p.status?.phase)).toEqual(['Pending']);
    const slices = await waitFor(async () => {
      const items = (await list(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dapi`)).items;
      return items.length > 0 ? items : undefined;
    }, 'an EndpointSlice for Service api');
    expect(slices).toHaveLength(1);
  });
});
