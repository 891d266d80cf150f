/** Bulk generators and the `/_sim` hooks that drive them. */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { openWatch, request, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

describe('generators', () => {
  it('creates 10k Services quickly, spread over namespaces, with unique ClusterIPs', async () => {
    const t0 = performance.now();
    sim.generate.services(10_000);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(15_000); // typically ~1 s; generous for a loaded CI machine
    const list = await request(sim, 'GET', '/api/v1/services?labelSelector=kube-sim%2Fgenerated%3Dtrue');
    const items = list.body.items as { metadata: { namespace: string }; spec: { clusterIP: string } }[];
    expect(items).toHaveLength(10_000);
    expect(new Set(items.map((i) => i.metadata.namespace)).size).toBe(10);
    expect(new Set(items.map((i) => i.spec.clusterIP)).size).toBe(10_000);
  });

  it('creates namespaces, ingresses and TLS secrets through /_sim', async () => {
    const ns = await request(sim, 'POST', '/_sim/generate/namespaces', { body: { count: 3, prefix: 'team' } });
    expect(ns.body.names).toHaveLength(3);
    const ing = await request(sim, 'POST', '/_sim/generate/ingresses', { body: { count: 50, namespace: 'bulk' } });
    expect(ing.body.created).toBe(50);
    const tls = await request(sim, 'POST', '/_sim/generate/tls-secrets', { body: { count: 200, namespace: 'bulk' } });
    expect(tls.body.created).toBe(200);
    const secrets = await request(sim, 'GET', '/api/v1/namespaces/bulk/secrets?fieldSelector=type%3Dkubernetes.io%2Ftls');
    expect((secrets.body.items as unknown[]).length).toBe(200);
    const first = (secrets.body.items as { metadata: { name: string }; data: Record<string, string> }[])[0];
    const host = `${first.metadata.name}.bulk.example.test`;
    expect(new X509Certificate(Buffer.from(first.data['tls.crt'], 'base64')).subjectAltName).toBe(`DNS:${host}, DNS:www.${host}`);
  });

  it('churns at a steady rate, visible to watchers', async () => {
    const w = openWatch(sim, `/api/v1/namespaces/gen-0/services?watch=true&resourceVersion=${sim.objects.resourceVersion()}`);
    await waitFor(() => sim.faults.openWatches() > 0, 'watch open');
    const r = await request(sim, 'POST', '/_sim/generate/churn', { body: { ratePerSecond: 500, durationMs: 400 } });
    expect(r.body.changes).toBeGreaterThan(50);
    expect(r.body.changes).toBeLessThanOrEqual(200);
    await waitFor(() => w.events.length > 0, 'churn events');
    expect(w.events.every((e) => e.type === 'MODIFIED' && e.object.metadata.namespace === 'gen-0')).toBe(true);
    w.close();
  });
});
