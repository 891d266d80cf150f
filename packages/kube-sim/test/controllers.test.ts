/** Controllers and apiserver validation for the networking kinds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { request, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course', loadBalancerDelayMs: 100 });
});
afterAll(async () => {
  await sim?.close();
});

const SVC = '/api/v1/namespaces/demo/services';
const service = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
const causes = (body: Record<string, any>) => (body.details?.causes ?? []) as { field: string; reason: string; message: string }[];

describe('Service allocation', () => {
  it('allocates ClusterIPs from 10.96.0.0/12 and rejects a taken one', async () => {
    const a = await request(sim, 'POST', SVC, { body: service('ip-a', { ports: [{ port: 80 }], clusterIP: '10.96.100.100' }) });
    expect(a.status).toBe(201);
    expect(a.body.spec.clusterIPs).toEqual(['10.96.100.100']);
    const dup = await request(sim, 'POST', SVC, { body: service('ip-b', { ports: [{ port: 80 }], clusterIP: '10.96.100.100' }) });
    expect(dup.status).toBe(422);
    expect(causes(dup.body)[0]).toMatchObject({ field: 'spec.clusterIPs', message: expect.stringContaining('provided IP is already allocated') });
    const out = await request(sim, 'POST', SVC, { body: service('ip-c', { ports: [{ port: 80 }], clusterIP: '192.168.1.1' }) });
    expect(out.status).toBe(422);
    expect(out.body.message).toContain('The range of valid IPs is 10.96.0.0/12');
    // Released on delete.
    await request(sim, 'DELETE', `${SVC}/ip-a`);
    expect((await request(sim, 'POST', SVC, { body: service('ip-b', { ports: [{ port: 80 }], clusterIP: '10.96.100.100' }) })).status).toBe(201);
  });

  it('allocates NodePorts in 30000-32767, honours requested ones, rejects duplicates and out-of-range', async () => {
    const auto = await request(sim, 'POST', SVC, { body: service('np-auto', { type: 'NodePort', ports: [{ port: 80 }] }) });
    const np = auto.body.spec.ports[0].nodePort as number;
    expect(np).toBeGreaterThanOrEqual(30000);
    expect(np).toBeLessThanOrEqual(32767);
    const req = await request(sim, 'POST', SVC, { body: service('np-req', { type: 'NodePort', ports: [{ port: 80, nodePort: 31080 }] }) });
    expect(req.body.spec.ports[0].nodePort).toBe(31080);
    const dup = await request(sim, 'POST', SVC, { body: service('np-dup', { type: 'NodePort', ports: [{ port: 80, nodePort: 31080 }] }) });
    expect(dup.status).toBe(422);
    expect(causes(dup.body)[0]).toMatchObject({ field: 'spec.ports[0].nodePort', message: 'Invalid value: 31080: provided port is already allocated' });
    const range = await request(sim, 'POST', SVC, { body: service('np-range', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }) });
    expect(range.status).toBe(422);
    expect(causes(range.body)[0].message).toContain('provided port is not in the valid range. The range of valid ports is 30000-32767');
    const onClusterIp = await request(sim, 'POST', SVC, { body: service('np-cip', { type: 'ClusterIP', ports: [{ port: 80, nodePort: 31999 }] }) });
    expect(onClusterIp.status).toBe(422);
    // Updating keeps the allocated nodePort; switching to ClusterIP releases it.
    const cur = (await request(sim, 'GET', `${SVC}/np-req`)).body;
    const upd = await request(sim, 'PUT', `${SVC}/np-req`, { body: { ...cur, spec: { ...cur.spec, type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] } } });
    expect(upd.status).toBe(200);
    expect(upd.body.spec.ports[0].nodePort).toBeUndefined();
    expect((await request(sim, 'POST', SVC, { body: service('np-dup', { type: 'NodePort', ports: [{ port: 80, nodePort: 31080 }] }) })).status).toBe(201);
  });

  it('gives LoadBalancer Services an ingress IP after a delay', async () => {
    const c = await request(sim, 'POST', SVC, { body: service('lb', { type: 'LoadBalancer', selector: { app: 'kuard' }, ports: [{ port: 443, targetPort: 8080 }] }) });
    expect(c.body.status).toEqual({ loadBalancer: {} });
    expect(c.body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const ip = await waitFor(async () => (await request(sim, 'GET', `${SVC}/lb`)).body.status?.loadBalancer?.ingress?.[0]?.ip as string | undefined, 'LB ingress');
    expect(ip).toMatch(/^172\.18\.255\.\d+$/);
  });

  it('headless and ExternalName rules', async () => {
    const headless = await request(sim, 'POST', SVC, { body: service('headless', { clusterIP: 'None', selector: { app: 'kuard' }, ports: [{ port: 80 }] }) });
    expect(headless.status).toBe(201);
    expect(headless.body.spec.clusterIP).toBe('None');
    const badHeadless = await request(sim, 'POST', SVC, { body: service('headless-np', { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }) });
    expect(badHeadless.status).toBe(422);
    expect(causes(badHeadless.body)[0].field).toBe('spec.clusterIPs[0]');
    const noName = await request(sim, 'POST', SVC, { body: service('ext', { type: 'ExternalName' }) });
    expect(noName.status).toBe(422);
    expect(causes(noName.body)[0]).toMatchObject({ field: 'spec.externalName', reason: 'FieldValueRequired' });
    const badName = await request(sim, 'POST', SVC, { body: service('ext', { type: 'ExternalName', externalName: 'Not_A_Host' }) });
    expect(badName.status).toBe(422);
    const ok = await request(sim, 'POST', SVC, { body: service('ext', { type: 'ExternalName', externalName: 'db.example.com' }) });
    expect(ok.status).toBe(201);
    expect(ok.body.spec.clusterIP).toBeUndefined();
  });

  it('validates names, ports, protocols and labels', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      // Service names are DNS-1123 labels (1.36's RelaxedServiceNameValidation): `1abc` is fine, `Abc` is not.
      [service('Abc', { ports: [{ port: 80 }] }), 'metadata.name', 'RFC 1123 label'],
      [service('two-ports', { ports: [{ port: 80 }, { port: 81 }] }), 'spec.ports[0].name', 'Required value'],
      [
        service('dup-ports', {
          ports: [
            { name: 'a', port: 80 },
            { name: 'b', port: 80 },
          ],
        }),
        'spec.ports[1]',
        'Duplicate value',
      ],
      [service('proto', { ports: [{ port: 80, protocol: 'HTTP' }] }), 'spec.ports[0].protocol', 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
      [service('tport', { ports: [{ port: 80, targetPort: 65536 }] }), 'spec.ports[0].targetPort', 'must be between 1 and 65535'],
      [service('noports', {}), 'spec.ports', 'Required value'],
      [{ ...service('labels', { ports: [{ port: 80 }] }), metadata: { name: 'labels', labels: { 'bad key!': 'x' } } }, 'metadata.labels', 'name part must consist'],
    ];
    for (const [body, field, msg] of cases) {
      const r = await request(sim, 'POST', SVC, { body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      const c = causes(r.body).find((x) => x.field === field);
      expect(c?.message, `${field} in ${r.body.message}`).toContain(msg);
    }
    // What the real apiserver accepts: a DNS-1123 (not DNS-1035) name, targetPort 0 defaulted to the port.
    const relaxed = await request(sim, 'POST', SVC, { body: service('1abc', { ports: [{ port: 80, targetPort: 0 }] }) });
    expect(relaxed.status).toBe(201);
    expect(relaxed.body.spec.ports[0].targetPort).toBe(80);
  });
});

describe('workloads and endpoints', () => {
  it('Deployment → ReplicaSet → ready pods follow replicas; endpoints and slices follow pods', async () => {
    const pods = () => sim.objects.list('v1', 'Pod', 'demo').filter((p) => p.metadata.labels?.app === 'image-backend');
    expect(pods()).toHaveLength(3);
    const pod = pods()[0];
    expect(pod.metadata.ownerReferences?.[0].kind).toBe('ReplicaSet');
    expect((pod.status as { podIP: string; phase: string }).phase).toBe('Running');
    await request(sim, 'POST', SVC, { body: service('image-backend', { selector: { app: 'image-backend' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }) });
    const ep = await waitFor(() => {
      const e = sim.objects.get('v1', 'Endpoints', 'demo', 'image-backend') as { subsets?: { addresses: { ip: string }[]; ports: { port: number }[] }[] } | undefined;
      return e?.subsets?.[0]?.addresses.length === 3 ? e : undefined;
    }, 'endpoints with 3 addresses');
    expect(ep.subsets?.[0].ports[0].port).toBe(8080); // named targetPort resolved from the container port
    const scale = await request(sim, 'PATCH', '/apis/apps/v1/namespaces/demo/deployments/image-backend', { body: { spec: { replicas: 1 } }, contentType: 'application/merge-patch+json' });
    expect(scale.status).toBe(200);
    await waitFor(() => pods().length === 1, 'scaled to 1 pod');
    await waitFor(() => (sim.objects.get('v1', 'Endpoints', 'demo', 'image-backend') as { subsets?: { addresses: unknown[] }[] }).subsets?.[0]?.addresses.length === 1, 'endpoints shrink');
    const slices = await waitFor(() => {
      const s = sim.objects.list('discovery.k8s.io/v1', 'EndpointSlice', 'demo').filter((x) => x.metadata.labels?.['kubernetes.io/service-name'] === 'image-backend');
      return s.length === 1 && (s[0].endpoints as unknown[]).length === 1 ? s : undefined;
    }, 'endpointslice with 1 endpoint');
    expect(slices[0]).toMatchObject({ addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
    const dep = await waitFor(() => {
      const d = sim.objects.get('apps/v1', 'Deployment', 'demo', 'image-backend') as { status?: { readyReplicas?: number; replicas?: number } } | undefined;
      return d?.status?.readyReplicas === 1 ? d : undefined;
    }, 'deployment status');
    expect(dep.status?.replicas).toBe(1);
    // Deleting the Deployment takes its ReplicaSet and pods along.
    await request(sim, 'DELETE', '/apis/apps/v1/namespaces/demo/deployments/image-backend');
    expect(pods()).toHaveLength(0);
  });

  it('StatefulSet and DaemonSet create pods', async () => {
    const tpl = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } };
    await request(sim, 'POST', '/apis/apps/v1/namespaces/demo/statefulsets', {
      body: { metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: tpl } },
    });
    await waitFor(() => sim.objects.get('v1', 'Pod', 'demo', 'db-1'), 'db-1 pod');
    await request(sim, 'POST', '/apis/apps/v1/namespaces/demo/daemonsets', {
      body: { metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { ...tpl, metadata: { labels: { app: 'agent' } } } } },
    });
    await waitFor(() => sim.objects.list('v1', 'Pod', 'demo').some((p) => p.metadata.labels?.app === 'agent'), 'agent pod');
  });
});

describe('Ingress', () => {
  const ING = '/apis/networking.k8s.io/v1/namespaces/demo/ingresses';
  const ingress = (name: string, rules: unknown[], extra: Record<string, unknown> = {}) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name }, spec: { rules, ...extra } });
  const rule = (host: string | undefined, path: Record<string, unknown>) => ({
    ...(host ? { host } : {}),
    http: { paths: [{ backend: { service: { name: 'kuard', port: { number: 80 } } }, ...path }] },
  });

  it('gets status.loadBalancer from its class controller', async () => {
    const r = await request(sim, 'POST', ING, { body: ingress('with-class', [rule('a.example.com', { path: '/', pathType: 'Prefix' })], { ingressClassName: 'nginx' }) });
    expect(r.status).toBe(201);
    await waitFor(async () => (await request(sim, 'GET', `${ING}/with-class`)).body.status?.loadBalancer?.ingress?.[0]?.ip === '172.18.255.200', 'ingress address');
    await request(sim, 'POST', ING, { body: ingress('unknown-class', [rule('b.example.com', { path: '/', pathType: 'Prefix' })], { ingressClassName: 'nope' }) });
    await sim.settle();
    expect((await request(sim, 'GET', `${ING}/unknown-class`)).body.status).toEqual({ loadBalancer: {} });
  });

  it('validates pathType, paths, wildcard hosts and backends', async () => {
    const cases: [unknown, string, string][] = [
      [ingress('no-pt', [rule('a.com', { path: '/' })]), 'spec.rules[0].http.paths[0].pathType', 'Required value: pathType must be specified'],
      [ingress('bad-pt', [rule('a.com', { path: '/', pathType: 'Regex' })]), 'spec.rules[0].http.paths[0].pathType', 'Unsupported value: "Regex"'],
      [ingress('rel-path', [rule('a.com', { path: 'foo', pathType: 'Prefix' })]), 'spec.rules[0].http.paths[0].path', 'must be an absolute path'],
      [ingress('mid-wild', [rule('foo.*.com', { path: '/', pathType: 'Exact' })]), 'spec.rules[0].host', "a wildcard DNS-1123 subdomain must start with '*.'"],
      [ingress('ip-host', [rule('10.0.0.1', { path: '/', pathType: 'Exact' })]), 'spec.rules[0].host', 'must be a DNS name, not an IP address'],
      [
        ingress('bad-port', [{ host: 'a.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'kuard', port: { number: 65536 } } } }] } }]),
        'spec.rules[0].http.paths[0].backend.service.port.number',
        'must be between 1 and 65535',
      ],
      // Port number 0 is "unset" to the apiserver (Go's zero value), so the backend lacks a port.
      [
        ingress('zero-port', [{ host: 'a.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'kuard', port: { number: 0 } } } }] } }]),
        'spec.rules[0].http.paths[0].backend',
        'port name or number is required',
      ],
    ];
    for (const [body, field, msg] of cases) {
      const r = await request(sim, 'POST', ING, { body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(causes(r.body).find((c) => c.field === field)?.message, r.body.message).toContain(msg);
    }
    const wildcard = await request(sim, 'POST', ING, { body: ingress('wild-ok', [rule('*.foo.com', { path: '/x', pathType: 'ImplementationSpecific' })]) });
    expect(wildcard.status).toBe(201);
  });
});

describe('Gateway API', () => {
  const G = '/apis/gateway.networking.k8s.io/v1';
  it('sets Gateway addresses and HTTPRoute Accepted conditions; validates routes', async () => {
    await request(sim, 'POST', `${G}/gatewayclasses`, { body: { metadata: { name: 'sim' }, spec: { controllerName: 'sim.portico.dev/gateway-controller' } } });
    await request(sim, 'POST', `${G}/namespaces/demo/gateways`, { body: { metadata: { name: 'gw' }, spec: { gatewayClassName: 'sim', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } } });
    const route = {
      metadata: { name: 'r1' },
      spec: { parentRefs: [{ name: 'gw' }], hostnames: ['app.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'kuard', port: 80 }] }] },
    };
    expect((await request(sim, 'POST', `${G}/namespaces/demo/httproutes`, { body: route })).status).toBe(201);
    const gw = await waitFor(async () => {
      const g = (await request(sim, 'GET', `${G}/namespaces/demo/gateways/gw`)).body;
      return g.status?.addresses?.length ? g : undefined;
    }, 'gateway address');
    expect(gw.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'Programmed=True']);
    const r = await waitFor(async () => {
      const x = (await request(sim, 'GET', `${G}/namespaces/demo/httproutes/r1`)).body;
      return x.status?.parents?.length ? x : undefined;
    }, 'route status');
    expect(r.status.parents[0].conditions.find((c: { type: string }) => c.type === 'Accepted').status).toBe('True');
    const noPort = await request(sim, 'POST', `${G}/namespaces/demo/httproutes`, {
      body: { metadata: { name: 'r2' }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'kuard' }] }] } },
    });
    expect(noPort.status).toBe(422);
    expect(causes(noPort.body)[0].message).toContain('Must have port for Service reference');
    const badHost = await request(sim, 'POST', `${G}/namespaces/demo/httproutes`, { body: { metadata: { name: 'r3' }, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['a.*.com'] } } });
    expect(badHost.status).toBe(422);
  });
});

describe('system components', () => {
  it('kube-system has CoreDNS behind kube-dns (10.96.0.10), kube-proxy and the chosen CNI', async () => {
    const dns = sim.objects.get('v1', 'Service', 'kube-system', 'kube-dns');
    expect((dns?.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10');
    await waitFor(
      () => (sim.objects.get('v1', 'Endpoints', 'kube-system', 'kube-dns') as { subsets?: { addresses: unknown[] }[] } | undefined)?.subsets?.[0]?.addresses.length === 2,
      'kube-dns endpoints',
    );
    expect(
      sim.objects
        .list('apps/v1', 'DaemonSet', 'kube-system')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(['cilium', 'kube-proxy']);
    const calico = await startSimulator({ cni: 'calico' });
    try {
      expect(calico.objects.get('apps/v1', 'DaemonSet', 'kube-system', 'calico-node')).toBeDefined();
    } finally {
      await calico.close();
    }
    const bare = await startSimulator({ systemComponents: false });
    try {
      expect(bare.objects.list('v1', 'Pod')).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
