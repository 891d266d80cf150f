import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { type CredentialCipher, type Db, type SqlPool, applyMigrations, createCredentialCipher, createDb, createFreshDatabase, createSqlPool, dropDatabase } from '@portico/db';
import { KubeClient, RESOURCE_LIST, connectionFromToken, listPath } from '@portico/kube';
import { startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { controlPlaneBinary, startControlPlane } from '../../../packages/control-plane/index.js';
import { createLogger } from '../src/logger.js';
import { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { registerServer, waitFor } from './support/sync-fixtures.js';

/**
 * The sync engine against both backends — the simulator and a real kube-apiserver with its
 * controller-manager (packages/control-plane) — with the same test code: every change goes
 * through the cluster's own REST API and the copy is compared with the cluster's own lists, so
 * nothing here leans on the simulator's internals. Fault injection (dropped watches, 410,
 * outages) stays in sync.test.ts: a real apiserver cannot be told to misbehave.
 */
interface Backend {
  url: string;
  caPem: string;
  token: string;
  close(): Promise<void>;
}

const backends: { name: string; start(): Promise<Backend> }[] = [
  {
    name: 'simulator',
    async start() {
      const sim = await startSimulator({ scenario: 'empty', bookmarkIntervalMs: 1000 });
      return { url: sim.url, caPem: sim.caPem, token: sim.tokens.admin, close: () => sim.close() };
    },
  },
];
const binary = controlPlaneBinary();
if (binary.skip) console.warn(`[control-plane] the sync suite runs against the simulator only: ${binary.skip}`);
else backends.push({ name: 'real control plane', start: async () => startControlPlane() });

const fixture = (name: string) => readFileSync(new URL(`../../../packages/kube/test/fixtures/${name}`, import.meta.url)).toString('base64');
const NS = 'portico-sync';

/** The same objects on both backends: one of each kind Portico syncs. */
const seed: [string, unknown][] = [
  ['/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }],
  [
    `/apis/apps/v1/namespaces/${NS}/deployments`,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    },
  ],
  [`/api/v1/namespaces/${NS}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } }],
  [
    `/api/v1/namespaces/${NS}/services`,
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-nodeport' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
  ],
  [`/api/v1/namespaces/${NS}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-headless' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] } }],
  ['/apis/networking.k8s.io/v1/ingressclasses', { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'sync-test' }, spec: { controller: 'example.com/ingress' } }],
  [
    `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`,
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        ingressClassName: 'sync-test',
        tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
        rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      },
    },
  ],
  [
    `/api/v1/namespaces/${NS}/secrets`,
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'web-tls' }, data: { 'tls.crt': fixture('srv.pem'), 'tls.key': fixture('srv.key') } },
  ],
  [
    `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`,
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  ],
  [
    '/apis/gateway.networking.k8s.io/v1/gatewayclasses',
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'sync-test' }, spec: { controllerName: 'example.com/gateway' } },
  ],
  [
    `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/gateways`,
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'web' }, spec: { gatewayClassName: 'sync-test', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } },
  ],
  [
    `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`,
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web' },
      spec: { parentRefs: [{ name: 'web' }], hostnames: ['web.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
    },
  ],
  [
    `/apis/gateway.networking.k8s.io/v1beta1/namespaces/${NS}/referencegrants`,
    {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'from-shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service', name: 'web' }] },
    },
  ],
  [`/apis/cert-manager.io/v1/namespaces/${NS}/issuers`, { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'self' }, spec: { selfSigned: {} } }],
  [
    `/apis/cert-manager.io/v1/namespaces/${NS}/certificates`,
    { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web' }, spec: { secretName: 'web-cert', dnsNames: ['web.example.com'], issuerRef: { name: 'self', kind: 'Issuer' } } },
  ],
];

describe.each(backends)('sync against the $name', (backend) => {
  const logger = createLogger('silent');
  let cluster: Backend;
  let client: KubeClient;
  let dbUrl: string;
  let db: Db;
  let sql: SqlPool;
  let cipher: CredentialCipher;
  let clusterId: string;
  let supervisor: SyncSupervisor;

  /** One REST call with the admin token, as any client would make it; refuses anything but 2xx. */
  function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const url = new URL(path, cluster.url);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, ca: cluster.caPem, headers: { authorization: `Bearer ${cluster.token}`, 'content-type': contentType, accept: 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve(text ? JSON.parse(text) : undefined) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`))));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  /** Differences between the cluster's own lists and Postgres' copy (name and resourceVersion), both ways. */
  async function differences(): Promise<string[]> {
    const diffs: string[] = [];
    for (const res of RESOURCE_LIST) {
      const list = (await client.getJson(listPath(res), { kind: 'list' })).body as { items: { metadata: { namespace?: string; name: string; resourceVersion: string } }[] };
      const want = new Map(list.items.map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o.metadata.resourceVersion]));
      const rows = await db.kubeObject.findMany({ where: { clusterId, resource: res.key }, select: { namespace: true, name: true, resourceVersion: true } });
      const have = new Map(rows.map((r) => [`${r.namespace}/${r.name}`, r.resourceVersion]));
      for (const [k, rv] of want) if (have.get(k) !== rv) diffs.push(`${res.key} ${k}: cluster rv ${rv}, copy ${have.get(k) ?? 'missing'}`);
      for (const k of have.keys()) if (!want.has(k)) diffs.push(`${res.key} ${k}: deleted in the cluster, still in the copy`);
    }
    return diffs;
  }
  const converged = async () => (await differences()).length === 0;
  const row = (resource: string, name: string) => db.kubeObject.findFirst({ where: { clusterId, resource, namespace: NS, name } });
  const startSupervisor = () => {
    supervisor = new SyncSupervisor({ sql, cipher, logger, scanIntervalMs: 300, leaseTtlMs: 3000, discoveryIntervalMs: 1000, addressPolicy: { allow: ['loopback'] } });
    supervisor.start();
  };

  beforeAll(async () => {
    cluster = await backend.start();
    client = new KubeClient(connectionFromToken({ server: cluster.url, token: cluster.token, caPem: cluster.caPem }), { addressPolicy: { allow: ['loopback'] } });
    for (const [path, body] of seed) await call('POST', path, body);
    dbUrl = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_backends');
    await applyMigrations(dbUrl);
    db = createDb(dbUrl, { max: 4 });
    sql = createSqlPool(dbUrl, { max: 6 });
    cipher = createCredentialCipher(Buffer.alloc(32, 12).toString('base64'));
    clusterId = await registerServer(db, cipher, { url: cluster.url, caPem: cluster.caPem, token: cluster.token }, 'backends');
    startSupervisor();
  }, 180_000);

  afterAll(async () => {
    await supervisor?.stop();
    await client?.close();
    await db?.$disconnect();
    await sql?.end();
    await cluster?.close();
    if (dbUrl) await dropDatabase(dbUrl);
  });

  it('copies every object of every kind, then reports ready with facts', async () => {
    await waitFor('the initial sync', async () => (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'ready' && (await converged()), 90_000);
    const facts = (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).facts as {
      kubernetesVersion?: string;
      gatewayApi?: boolean;
      certManager?: boolean;
      ingressClasses?: { name: string }[];
    };
    expect(facts).toMatchObject({ gatewayApi: true, certManager: true });
    expect(facts.kubernetesVersion).toMatch(/^v1\.\d+/);
    expect(facts.ingressClasses?.map((c) => c.name)).toContain('sync-test');
    for (const [resource, name] of [
      ['services', 'web-nodeport'],
      ['ingresses', 'web'],
      ['httproutes', 'web'],
      ['referencegrants', 'from-shop'],
      ['certificates', 'web'],
      ['secrets', 'web-tls'],
    ] as const) {
      expect(await row(resource, name), `${resource} ${name}`).not.toBeNull();
    }
    // The apiserver allocated a nodePort in the default range, and the copy has it.
    const nodePort = ((await row('services', 'web-nodeport'))!.body as { spec: { ports: { nodePort: number }[] } }).spec.ports[0].nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
  }, 120_000);

  it('follows creates, merge patches and deletes made through the API', async () => {
    await call('POST', `/api/v1/namespaces/${NS}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'added' }, spec: { ports: [{ port: 81 }] } });
    await call('PATCH', `/api/v1/namespaces/${NS}/services/web`, { metadata: { labels: { tier: 'frontend' } } }, 'application/merge-patch+json');
    await call('DELETE', `/api/v1/namespaces/${NS}/services/web-headless`);
    await waitFor(
      'the live changes',
      async () =>
        (await row('services', 'added')) !== null &&
        (await row('services', 'web-headless')) === null &&
        ((await row('services', 'web'))?.labels as Record<string, string> | undefined)?.tier === 'frontend',
      30_000,
    );
    await waitFor('convergence', converged, 30_000);
  }, 60_000);

  it('catches up after the worker was away, deletions included', async () => {
    await supervisor.stop();
    await call('DELETE', `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses/web`);
    await call('POST', `/api/v1/namespaces/${NS}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'while-away' }, spec: { ports: [{ port: 82 }] } });
    startSupervisor();
    await waitFor('convergence after the restart', async () => (await row('services', 'while-away')) !== null && (await row('ingresses', 'web')) === null && (await converged()), 60_000);
  }, 90_000);
});
