import type { TChange, TMigrationBatch, TMigrationPreview } from '@portico/contracts';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangesClient, changesClient } from './support/changes.js';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';
import { type WorkerProcess, startWorkerProcess } from './support/worker-process.js';

/**
 * Ingress → Gateway API through the API: the course's `ingress-wildcard-host` migrated onto the
 * course's Gateway `web` in the simulator. The preview shows both sides, the equivalence table and
 * each object's dry-run; the submit makes one batch of pipeline changes; the worker applies them;
 * the simulator's Gateway controller accepts the routes.
 */
let t: TestApp;
let sim: Simulator;
let worker: WorkerProcess;
let clusterId: string;
let editorToken: string;
let viewerToken: string;
let editor: ChangesClient;

beforeAll(async () => {
  [t, sim] = await Promise.all([startTestApp(), startSimulator({ scenario: 'course' })]);
  const seeded = await seedOrganization(t.db, 'migration');
  const admin = (await createToken(await signIn(t, seeded.users.admin.email), 'admin')).secret;
  editorToken = (await createToken(await signIn(t, seeded.users.editor.email), 'editor')).secret;
  viewerToken = (await createToken(await signIn(t, seeded.users.viewer.email), 'viewer')).secret;
  const registered = await t.http().post('/api/v1/clusters').set('Authorization', `Bearer ${admin}`).send({ name: 'course', kubeconfig: sim.kubeconfig });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  clusterId = (registered.body as { id: string }).id;
  editor = changesClient(t, editorToken, clusterId);
  worker = await startWorkerProcess();
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await Promise.all([t?.close(), sim?.close()]);
});

const wildcardOntoWeb = { source: { namespace: 'demo', ingress: 'ingress-wildcard-host' }, gateway: { mode: 'existing', namespace: 'demo', name: 'web' } };
const preview = (body: object, token = viewerToken) => t.http().post(`/api/v1/clusters/${clusterId}/migrations/preview`).set('Authorization', `Bearer ${token}`).send(body);
const submit = (body: object, key?: string, token = editorToken) => {
  const req = t.http().post(`/api/v1/clusters/${clusterId}/migrations`).set('Authorization', `Bearer ${token}`);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};
const baseVersions = (p: TMigrationPreview) => Object.fromEntries(p.objects.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.preview.baseResourceVersion]));
const liveRoute = (name: string) =>
  sim.objects.get('gateway.networking.k8s.io/v1', 'HTTPRoute', 'demo', name) as { status?: { parents?: { conditions: { type: string; status: string }[] }[] } } | undefined;

async function waitFor(fn: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Ingress → Gateway API migration', () => {
  it('previews the course ingress-wildcard-host onto Gateway web: listeners to add, both sides, every path equal, a dry-run per object; nothing is created', async () => {
    const res = await preview(wildcardOntoWeb);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body as TMigrationPreview;
    expect(p.ingresses.map((i) => i.name)).toEqual(['ingress-wildcard-host']);
    expect(p.ingresses[0].yaml).toMatch(/host: domain1\.bar\.com/);
    expect(p.gateway).toMatchObject({ name: 'web', exists: true });
    // web's only listener serves *.example.com: each host of the Ingress needs its own.
    expect(p.gateway.addedListeners.map((l) => [l.name, l.hostname, l.port])).toEqual([
      ['http-domain1-bar-com', 'domain1.bar.com', 80],
      ['http-domain2-foo-com', 'domain2.foo.com', 80],
    ]);
    expect(p.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['Gateway/web', 'HTTPRoute/ingress-wildcard-host-domain1-bar-com', 'HTTPRoute/ingress-wildcard-host-domain2-foo-com']);
    expect(p.objects[0].preview.diff).toMatch(/\+\s+- name: http-domain1-bar-com/);
    expect(p.objects[1].preview.live.exists).toBe(false);
    expect(p.objects[1].preview.baseResourceVersion).toBe('');
    expect(p.objects[1].yaml).toMatch(/sectionName: http-domain1-bar-com/);
    expect(p.equivalence.map((r) => [r.host, r.path, r.verdict])).toEqual([
      ['domain1.bar.com', '/bar', 'equal'],
      ['domain1.bar.com', '/foo', 'equal'],
      ['domain2.foo.com', '/', 'equal'],
    ]);
    expect(p.notTranslated).toEqual([]);
    expect(liveRoute('ingress-wildcard-host-domain1-bar-com')).toBeUndefined();
  });

  it('refuses what it cannot migrate, naming the field', async () => {
    const cases: [object, string][] = [
      [{ ...wildcardOntoWeb, source: { namespace: 'demo', ingress: 'nope' } }, 'source.ingress'],
      [{ ...wildcardOntoWeb, source: { namespace: 'demo', ingress: 'x', ingressClass: 'nginx' } }, 'source.ingress'],
      [{ ...wildcardOntoWeb, source: { namespace: 'demo', ingressClass: 'traefik' } }, 'source.ingressClass'],
      [{ ...wildcardOntoWeb, gateway: { mode: 'existing', namespace: 'demo', name: 'missing' } }, 'gateway.name'],
      [{ ...wildcardOntoWeb, gateway: { mode: 'new', namespace: 'demo', name: 'web', gatewayClassName: 'kube-sim' } }, 'gateway.name'],
      [{ ...wildcardOntoWeb, gateway: { mode: 'new', namespace: 'demo', name: 'fresh', gatewayClassName: 'nope' } }, 'gateway.gatewayClassName'],
      [{ ...wildcardOntoWeb, gateway: { mode: 'new', namespace: 'demo', name: 'Bad_Name', gatewayClassName: 'kube-sim' } }, 'gateway.name'],
    ];
    for (const [body, field] of cases) {
      const res = await preview(body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toContain(field);
    }
  });

  it('every Ingress of a class onto a new Gateway: HTTPS listener from the TLS Secret, HTTP redirected, issuer carried over', async () => {
    const res = await preview({ source: { namespace: 'demo', ingressClass: 'nginx' }, gateway: { mode: 'new', namespace: 'demo', name: 'migrated', gatewayClassName: 'kube-sim' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body as TMigrationPreview;
    expect(p.ingresses.map((i) => i.name)).toContain('kuard');
    expect(p.gateway.exists).toBe(false);
    expect(p.gateway.addedListeners).toContainEqual({ name: 'https-example-example-com', hostname: 'example.example.com', port: 443, protocol: 'HTTPS', certificateSecret: 'quickstart-example-tls' });
    expect(p.objects[0].yaml).toMatch(/cert-manager\.io\/issuer: letsencrypt-prod/);
    const kuard = p.equivalence.filter((r) => r.ingress === 'kuard');
    expect(kuard.map((r) => [r.scheme, r.verdict, r.probes[0].after])).toEqual([
      ['http', 'equal', '308 → https://example.example.com/'],
      ['https', 'equal', 'kuard:80 /'],
    ]);
  });

  it('a viewer may preview but not submit; a submit whose objects differ from the preview is refused', async () => {
    const p = (await preview(wildcardOntoWeb)).body as TMigrationPreview;
    expect((await submit({ ...wildcardOntoWeb, baseResourceVersions: baseVersions(p) }, undefined, viewerToken)).status).toBe(403);
    const stale = await submit({ ...wildcardOntoWeb, baseResourceVersions: { 'HTTPRoute/demo/other': '' } });
    expect(stale.status, JSON.stringify(stale.body)).toBe(409);
    expect((stale.body as { invalid_params: { name: string }[] }).invalid_params[0].name).toBe('baseResourceVersions');
  });

  it('submits one batch (202, the same batch for the same Idempotency-Key), applies every object, the routes are Accepted, the Ingress stays', async () => {
    const p = (await preview(wildcardOntoWeb)).body as TMigrationPreview;
    const body = { ...wildcardOntoWeb, baseResourceVersions: baseVersions(p) };
    const first = await submit(body, 'migrate-wildcard');
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const batch = first.body as TMigrationBatch;
    expect(batch.changes.map((c) => `${c.type} ${c.target.kind}/${c.target.name}`)).toEqual([
      'yaml Gateway/web',
      'yaml HTTPRoute/ingress-wildcard-host-domain1-bar-com',
      'yaml HTTPRoute/ingress-wildcard-host-domain2-foo-com',
    ]);
    const again = await submit(body, 'migrate-wildcard');
    expect(again.status).toBe(202);
    expect((again.body as TMigrationBatch).batchId).toBe(batch.batchId);
    expect((again.body as TMigrationBatch).changes.map((c) => c.id)).toEqual(batch.changes.map((c) => c.id));
    expect((await submit({ ...body, reason: 'another body' }, 'migrate-wildcard')).status).toBe(409);

    const done: TChange[] = [];
    for (const c of batch.changes) done.push(await editor.settled(c.id));
    expect(done.map((c) => [c.target.name, c.state, c.error?.message ?? null])).toEqual(batch.changes.map((c) => [c.target.name, 'applied', null]));

    const gateway = sim.objects.get('gateway.networking.k8s.io/v1', 'Gateway', 'demo', 'web') as unknown as { spec: { listeners: { name: string }[] } };
    expect(gateway.spec.listeners.map((l) => l.name)).toEqual(['http', 'http-domain1-bar-com', 'http-domain2-foo-com']);
    for (const name of ['ingress-wildcard-host-domain1-bar-com', 'ingress-wildcard-host-domain2-foo-com']) {
      await waitFor(() => liveRoute(name)?.status?.parents?.[0]?.conditions.some((c) => c.type === 'Accepted' && c.status === 'True') === true);
    }
    expect(sim.objects.get('networking.k8s.io/v1', 'Ingress', 'demo', 'ingress-wildcard-host')).toBeDefined();
  });
});
