import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CredentialCipher, type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_LIST } from '@portico/kube';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { type TestDatabase, copyDifferences, openTestDatabase, registerSimulator, startCourse, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * The sync engine against the simulator over real HTTPS: the copy in Postgres must equal the
 * cluster object by object (name + resourceVersion) after the initial sync, after live
 * changes, after dropped watches, a forced 410, and an outage with deletions in it.
 */
const KEY = Buffer.alloc(32, 9).toString('base64');
let sim: Simulator;
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let cipher: CredentialCipher;
let clusterId: string;
let supervisor: SyncSupervisor;

const differences = () => copyDifferences(sim, db, clusterId);
const converged = async () => (await differences()).length === 0;
const registerCluster = (name: string, target: Simulator = sim) => registerSimulator(db, cipher, target, name);

beforeAll(async () => {
  sim = await startCourse();
  database = await openTestDatabase('portico_sync', { db: 8, sql: 8 });
  ({ db, sql } = database);
  cipher = createCredentialCipher(KEY);
  clusterId = await registerCluster('demo');
  supervisor = startSupervisor({ sql, cipher, discoveryIntervalMs: 500 });
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await database?.close();
  await sim?.close();
});

describe('cluster sync', () => {
  it('copies every object of the cluster, then reports ready with facts', async () => {
    await waitFor('initial sync', async () => (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'ready');
    expect(await differences()).toEqual([]);
    const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(cluster.lastSyncedAt).not.toBeNull();
    expect(cluster.syncProgress).toMatchObject({ services: { done: expect.any(Number), total: expect.any(Number) } });
    await waitFor('facts', async () => !!((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).facts as { kubernetesVersion?: string }).kubernetesVersion);
    const facts = (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).facts as Record<string, unknown>;
    expect(facts).toMatchObject({ gatewayApi: true, certManager: true, kubernetesVersion: expect.stringMatching(/^v1\./) });
    const svc = await db.kubeObject.findFirstOrThrow({ where: { clusterId, resource: 'services', name: 'my-app-service' } });
    expect(svc).toMatchObject({ namespace: 'demo', serviceType: 'ClusterIP' });
    expect(JSON.stringify(svc.body)).not.toContain('managedFields');
  });

  it('never stores a TLS private key, only the parsed certificate', async () => {
    const secrets = sim.objects.list('v1', 'Secret').filter((s) => (s as { type?: string }).type === 'kubernetes.io/tls');
    expect(secrets.length).toBeGreaterThan(0);
    const dump = JSON.stringify(await db.kubeObject.findMany({ where: { clusterId } }));
    for (const s of secrets) {
      const key = (s as { data?: Record<string, string> }).data?.['tls.key'];
      expect(key && key.length > 20).toBe(true);
      expect(dump).not.toContain(key!);
      expect(dump).not.toContain(Buffer.from(key!, 'base64').toString('utf8').split('\n')[1]);
    }
    const row = await db.kubeObject.findFirstOrThrow({ where: { clusterId, resource: 'secrets' } });
    expect(row.body).toMatchObject({ certificate: { dnsNames: expect.any(Array), notAfter: expect.any(String) }, dataKeys: expect.arrayContaining(['tls.crt', 'tls.key']) });
    expect((row.body as { data?: unknown }).data).toBeUndefined();
  });

  it('follows creates, updates and deletes', async () => {
    sim.objects.apply([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'live-new', namespace: 'demo' }, spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] } },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'my-app-service', namespace: 'demo', labels: { changed: 'yes' } },
        spec: { selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
      },
    ]);
    sim.objects.delete('networking.k8s.io/v1', 'Ingress', 'demo', sim.objects.list('networking.k8s.io/v1', 'Ingress', 'demo')[0].metadata.name!);
    await waitFor('live changes', converged, 30_000);
    expect((await db.kubeObject.findFirstOrThrow({ where: { clusterId, name: 'live-new' } })).serviceType).toBe('NodePort');
  });

  it('converges after all watches are dropped', async () => {
    sim.faults.dropWatches();
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-drop', namespace: 'demo' }, spec: { ports: [{ port: 81 }] } });
    await waitFor('after dropped watches', converged, 30_000);
  });

  it('relists after 410 Gone', async () => {
    sim.faults.expireNextWatch(RESOURCE_LIST.length);
    sim.faults.dropWatches();
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-gone', namespace: 'demo' }, spec: { ports: [{ port: 82 }] } });
    await waitFor('after 410', converged, 45_000);
  });

  it('converges after an outage, including objects deleted during it', async () => {
    await sim.faults.refuseConnections(5); // resolves once the port is closed
    sim.objects.delete('v1', 'Service', 'demo', 'after-drop');
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'during-outage', namespace: 'demo' }, spec: { ports: [{ port: 83 }] } });
    await waitFor('cluster marked unreachable', async () => (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'unreachable', 20_000);
    await waitFor('after outage', async () => (await converged()) && (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'ready', 60_000);
    expect(await db.kubeObject.findFirst({ where: { clusterId, name: 'after-drop' } })).toBeNull();
  }, 120_000);
});

describe('CRDs installed and removed while synced', () => {
  it('starts syncing Gateway API kinds once their CRDs appear, and drops their rows when they go', async () => {
    const bare = await startSimulator({ scenario: 'empty', gatewayApi: false, certManager: false });
    const id = await registerCluster('late-crds', bare);
    const cluster = () => db.cluster.findUniqueOrThrow({ where: { id } });
    const gatewayClasses = () => db.kubeObject.count({ where: { clusterId: id, resource: 'gatewayclasses' } });
    try {
      await waitFor('initial sync', async () => (await cluster()).status === 'ready');
      await waitFor('facts', async () => (await cluster()).facts !== null && 'gatewayApi' in ((await cluster()).facts as object));
      expect((await cluster()).facts).toMatchObject({ gatewayApi: false });
      expect(Object.keys((await cluster()).syncProgress as object)).not.toContain('gatewayclasses');

      bare.setFeature('gatewayApi', true);
      bare.objects.apply({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'late' }, spec: { controllerName: 'example.com/gateway' } });
      await waitFor('the new kind synced', async () => (await gatewayClasses()) === 1, 20_000);
      await waitFor('facts updated', async () => ((await cluster()).facts as { gatewayApi?: boolean }).gatewayApi === true, 20_000);
      bare.objects.apply({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'later' }, spec: { controllerName: 'example.com/gateway' } });
      await waitFor('watched like any other kind', async () => (await gatewayClasses()) === 2, 20_000);

      bare.setFeature('gatewayApi', false);
      await waitFor('rows of the removed kind gone', async () => (await gatewayClasses()) === 0, 20_000);
      await waitFor(
        'ready without the kind',
        async () => {
          const c = await cluster();
          return c.status === 'ready' && !Object.keys(c.syncProgress as object).includes('gatewayclasses') && (c.facts as { gatewayApi?: boolean }).gatewayApi === false;
        },
        20_000,
      );
    } finally {
      await db.cluster.delete({ where: { id } });
      await bare.close();
    }
  });
});

describe('leases', () => {
  it('lets only one worker sync a cluster, and hands over when the holder is killed', async () => {
    await supervisor.stop(); // the suite's own supervisor steps aside
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORTICO_SECRET_KEY: KEY,
        WORKER_HEALTH_PORT: '0',
        LOG_LEVEL: 'warn',
        SYNC_LEASE_TTL_SECONDS: '5',
        SYNC_SCAN_INTERVAL_SECONDS: '0.5',
        PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback',
      },
      stdio: 'ignore',
    });
    try {
      await waitFor('child takes the lease', async () => !!(await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).leaseHolder, 30_000);
      const holderA = (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).leaseHolder;
      const b = startSupervisor({ sql, cipher, leaseTtlMs: 5000 });
      try {
        // A holds the lease: B looks several times and must leave the cluster alone.
        await waitFor('B scans five times', async () => b.scansCompleted() >= 5, 30_000);
        expect(b.clusterIds()).toEqual([]);
        child.kill('SIGKILL');
        const killedAt = Date.now();
        await waitFor('B takes over', async () => b.clusterIds().includes(clusterId), 60_000);
        // The lease (5 s) expires and B's next scan (every 0.3 s) takes it: well under 10 s, and
        // the wait above allows 60 s so that a slow takeover fails here, not in the wait.
        expect(Date.now() - killedAt).toBeLessThan(10_000);
        expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).leaseHolder).not.toBe(holderA);
        sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-handover', namespace: 'demo' }, spec: { ports: [{ port: 84 }] } });
        await waitFor('after handover', converged, 30_000);
      } finally {
        await b.stop();
      }
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
