import { type CredentialCipher, type Db, type SqlPool, applyMigrations, createCredentialCipher, createDb, createFreshDatabase, createSqlPool, dropDatabase } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { registerSimulator, waitFor } from './support/sync-fixtures.js';

/**
 * The sync keeps "TrackedCertificate" in step with the cluster (issue 11): after the initial
 * list, and after live changes to a kind the certificates are built from, the cluster's rows
 * are rebuilt (ids kept), and the organization is told its certificates changed.
 */
const KEY = Buffer.alloc(32, 7).toString('base64');
let sim: Simulator;
let db: Db;
let sql: SqlPool;
let dbUrl: string;
let cipher: CredentialCipher;
let clusterId: string;
let supervisor: SyncSupervisor;
const changed: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course', bookmarkIntervalMs: 1000 });
  await sim.settle();
  dbUrl = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_tracked_certs');
  await applyMigrations(dbUrl);
  db = createDb(dbUrl, { max: 4 });
  sql = createSqlPool(dbUrl, { max: 8 });
  cipher = createCredentialCipher(KEY);
  clusterId = await registerSimulator(db, cipher, sim, 'demo');
  supervisor = new SyncSupervisor({
    sql,
    cipher,
    logger: createLogger('silent'),
    scanIntervalMs: 300,
    leaseTtlMs: 3000,
    addressPolicy: { allow: ['loopback'] },
    onCertificatesChanged: (org) => changed.push(org),
  });
  supervisor.start();
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await db?.$disconnect();
  await sql?.end();
  await sim?.close();
  if (dbUrl) await dropDatabase(dbUrl);
});

const rowOf = (namespace: string, secretName: string) => db.trackedCertificate.findUnique({ where: { clusterId_namespace_secretName: { clusterId, namespace, secretName } } });

describe('tracked certificates from the sync', () => {
  it('builds the course certificate from its Secret, Certificate, issuer and Ingress after the initial sync', async () => {
    await waitFor('quickstart-example-tls tracked', async () => !!(await rowOf('demo', 'quickstart-example-tls'))?.usedBy);
    const row = (await rowOf('demo', 'quickstart-example-tls'))!;
    const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(row).toMatchObject({
      organizationId: cluster.organizationId,
      source: 'cert-manager',
      secretExists: true,
      certManagerName: expect.any(String),
      dnsNames: ['example.example.com'],
      hosts: ['example.example.com'],
      uncoveredHosts: [],
      ready: true,
      fingerprintSha256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
    expect(row.usedBy).toEqual([{ kind: 'Ingress', namespace: 'demo', name: expect.any(String), listener: null, hosts: ['example.example.com'] }]);
    expect(row.notAfter!.getTime()).toBeGreaterThan(Date.now());
    expect(changed).toContain(cluster.organizationId);
  });

  it('follows live changes: an Ingress naming a Secret that does not exist, then its removal', async () => {
    const before = (await rowOf('demo', 'quickstart-example-tls'))!;
    sim.objects.apply({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'orphan', namespace: 'demo' },
      spec: { tls: [{ hosts: ['orphan.example.com'], secretName: 'missing-tls' }], rules: [{ host: 'orphan.example.com' }] },
    });
    await waitFor('missing Secret tracked', async () => !!(await rowOf('demo', 'missing-tls')));
    expect(await rowOf('demo', 'missing-tls')).toMatchObject({ source: 'reference', secretExists: false, problems: ['secret-missing'], hosts: ['orphan.example.com'], notAfter: null });

    sim.objects.delete('networking.k8s.io/v1', 'Ingress', 'demo', 'orphan');
    await waitFor('missing Secret no longer tracked', async () => !(await rowOf('demo', 'missing-tls')));
    // The other rows were rebuilt in place: same id, so links and alerts stay valid.
    expect((await rowOf('demo', 'quickstart-example-tls'))!.id).toBe(before.id);
  });

  it('after the upgrade migration, the next relist stores the chain facts of Secrets synced by an older version', async () => {
    await supervisor.stop();
    // As an older version stored it: the leaf's facts only, no chain or key.
    await sql.query(`UPDATE "KubeObject" SET body = jsonb_set(body, '{certificate}', (body->'certificate') - 'chain' - 'keyAlgorithm' - 'keySize') WHERE "clusterId" = $1 AND resource = 'secrets'`, [
      clusterId,
    ]);
    const migration = await readFile(new URL('../../../prisma/migrations/20261130060000_tracked_certificates/migration.sql', import.meta.url), 'utf8');
    await sql.query(migration.slice(migration.indexOf('UPDATE "KubeObject"')));
    supervisor = new SyncSupervisor({ sql, cipher, logger: createLogger('silent'), scanIntervalMs: 300, leaseTtlMs: 3000, addressPolicy: { allow: ['loopback'] } });
    supervisor.start();
    await waitFor('Secrets stored again with their chain', async () => {
      const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "KubeObject" WHERE "clusterId" = $1 AND resource = 'secrets' AND NOT (body->'certificate' ? 'chain')`, [
        clusterId,
      ]);
      return rows[0].n === 0;
    });
    await waitFor('tracked with its key again', async () => (await rowOf('demo', 'quickstart-example-tls'))?.keyAlgorithm === 'ECDSA');
  });
});
