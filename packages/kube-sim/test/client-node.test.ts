/** `@kubernetes/client-node` (a real client we did not write) against the simulator. */
import { ApiException, CoreV1Api, KubeConfig, KubernetesObjectApi, NetworkingV1Api, PatchStrategy, makeInformer, type V1Service } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { waitFor } from './helpers.js';

let sim: Simulator;
let kc: KubeConfig;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course' });
  kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
});
afterAll(async () => {
  await sim?.close();
});

async function apiError(p: Promise<unknown>): Promise<ApiException<string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) return e as ApiException<string>;
    throw e;
  }
  throw new Error('expected an ApiException');
}

describe('client-node', () => {
  it('lists services cluster-wide and ingresses in a namespace', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listServiceForAllNamespaces();
    expect(list.items.map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`)).toEqual(expect.arrayContaining(['default/kubernetes', 'demo/kuard', 'demo/service1']));
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
    const ing = await kc.makeApiClient(NetworkingV1Api).listNamespacedIngress({ namespace: 'demo' });
    expect(ing.items.map((i) => i.metadata?.name).sort()).toEqual(['ingress-wildcard-host', 'kuard']);
    expect(ing.items[0].status?.loadBalancer?.ingress?.[0]?.ip).toBe('172.18.255.200');
  });

  it('creates a Service and reads back allocated fields', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const body: V1Service = { metadata: { name: 'cn-np' }, spec: { type: 'NodePort', selector: { app: 'kuard' }, ports: [{ port: 80, targetPort: 8080 }] } };
    const created = await core.createNamespacedService({ namespace: 'demo', body });
    expect(created.spec?.clusterIP).toMatch(/^10\./);
    expect(created.spec?.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });

  it('raises typed errors for 404, 409 and 422', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const nf = await apiError(core.readNamespacedService({ name: 'nope', namespace: 'demo' }));
    expect(nf.code).toBe(404);
    expect(JSON.parse(nf.body)).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    const dup = await apiError(core.createNamespacedService({ namespace: 'demo', body: { metadata: { name: 'kuard' }, spec: { ports: [{ port: 80 }] } } }));
    expect(dup.code).toBe(409);
    const bad = await apiError(core.createNamespacedService({ namespace: 'demo', body: { metadata: { name: 'bad-port' }, spec: { ports: [{ port: 99999 }] } } }));
    expect(bad.code).toBe(422);
    expect(JSON.parse(bad.body).details.causes[0].field).toBe('spec.ports[0].port');
    const ro = new KubeConfig();
    ro.loadFromString(sim.kubeconfigFor('readonly'));
    const forbidden = await apiError(ro.makeApiClient(CoreV1Api).deleteNamespacedService({ name: 'kuard', namespace: 'demo' }));
    expect(forbidden.code).toBe(403);
  });

  it('server-side applies with KubernetesObjectApi, conflicts without force', async () => {
    const client = KubernetesObjectApi.makeApiClient(kc);
    const obj: V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ssa-web', namespace: 'demo', labels: { app: 'web' } },
      spec: { selector: { app: 'kuard' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    };
    const created = await client.patch(obj, undefined, undefined, 'portico', false, PatchStrategy.ServerSideApply);
    expect(created.metadata?.managedFields?.[0]).toMatchObject({ manager: 'portico', operation: 'Apply' });
    // Another manager applying a different value for an owned field → 409 unless forced.
    const other = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ssa-web', namespace: 'demo' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 9090 }] } };
    const conflict = await apiError(client.patch(other, undefined, undefined, 'someone-else', false, PatchStrategy.ServerSideApply));
    expect(conflict.code).toBe(409);
    expect(JSON.parse(conflict.body).message).toContain('conflict with "portico"');
    const forced = await client.patch(other, undefined, undefined, 'someone-else', true, PatchStrategy.ServerSideApply);
    expect((forced as V1Service).spec?.ports?.[0].targetPort).toBe(9090);
    // Fields the owner stops applying (and nobody else owns) are removed.
    const again = await client.patch<V1Service>({ ...obj, metadata: { ...obj.metadata, labels: {} } }, undefined, undefined, 'portico', true, PatchStrategy.ServerSideApply);
    expect(again.metadata?.labels?.app).toBeUndefined();
  });

  it('informer lists, watches, and relists after a forced 410', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(kc, '/api/v1/namespaces/demo/configmaps', () => core.listNamespacedConfigMap({ namespace: 'demo' }));
    const added: string[] = [];
    const errs: unknown[] = [];
    informer.on('add', (o) => added.push(o.metadata?.name ?? ''));
    informer.on('error', (e) => errs.push(e));
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: 'demo', body: { metadata: { name: 'inf-1' }, data: { a: '1' } } });
    await waitFor(() => added.includes('inf-1'), 'informer add');
    // Force the next watch to 410 and drop the current one: the informer must relist.
    sim.faults.expireNextWatch();
    sim.faults.dropWatches();
    await core.createNamespacedConfigMap({ namespace: 'demo', body: { metadata: { name: 'inf-2' } } });
    await waitFor(() => informer.list().some((o) => o.metadata?.name === 'inf-2'), 'informer relisted', 30_000);
    await core.createNamespacedConfigMap({ namespace: 'demo', body: { metadata: { name: 'inf-3' } } });
    await waitFor(() => informer.list().some((o) => o.metadata?.name === 'inf-3'), 'informer watching again', 30_000);
    await informer.stop();
    expect(errs).toEqual([]);
  });
});
