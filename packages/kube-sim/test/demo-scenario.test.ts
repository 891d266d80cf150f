/** What the demo cluster shows a new user: the apiserver's own endpoints and every Service type of the course. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { request, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course', loadBalancerDelayMs: 50 });
});
afterAll(async () => {
  await sim?.close();
});

describe('default/kubernetes', () => {
  it('has the apiserver behind it, as Endpoints and as an EndpointSlice (443 → 6443 "https")', async () => {
    const ep = await request(sim, 'GET', '/api/v1/namespaces/default/endpoints/kubernetes');
    expect(ep.status).toBe(200);
    expect(ep.body.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const slices = await request(sim, 'GET', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dkubernetes');
    expect(slices.body.items).toHaveLength(1);
    expect(slices.body.items[0]).toMatchObject({
      addressType: 'IPv4',
      endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
    const svc = await request(sim, 'GET', '/api/v1/namespaces/default/services/kubernetes');
    expect(svc.body.spec.ports).toEqual([expect.objectContaining({ name: 'https', port: 443, targetPort: 6443 })]);
  });
});

describe('the course scenario', () => {
  it("has the NodePort example on its fixed node port, with the my-app Deployment's two Pods behind it", async () => {
    const svc = sim.objects.get('v1', 'Service', 'default', 'my-app-nodeport');
    expect(svc?.spec).toMatchObject({ type: 'NodePort', selector: { app: 'my-app' }, ports: [expect.objectContaining({ port: 80, targetPort: 8080, nodePort: 30007 })] });
    const slice = await waitFor(
      () =>
        sim.objects
          .list('discovery.k8s.io/v1', 'EndpointSlice', 'default')
          .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'my-app-nodeport' && (s.endpoints as unknown[]).length === 2),
      'two endpoints for my-app-nodeport',
    );
    expect(slice.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  it('has the LoadBalancer example, given an address by the load-balancer controller', async () => {
    const svc = await waitFor(() => {
      const s = sim.objects.get('v1', 'Service', 'default', 'my-app-loadbalancer');
      return (s?.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress?.length ? s : undefined;
    }, 'a load-balancer address');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', ports: [expect.objectContaining({ port: 80, nodePort: expect.any(Number) })] });
    expect(svc.status).toEqual({ loadBalancer: { ingress: [{ ip: expect.stringMatching(/^172\.18\.255\.\d+$/), ipMode: 'VIP' }] } });
  });
});
