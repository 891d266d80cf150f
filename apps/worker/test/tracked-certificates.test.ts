import { type CredentialCipher, type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import type { Simulator } from '@portico/kube-sim';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { type TestDatabase, openTestDatabase, registerSimulator, startCourse, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * The sync keeps "TrackedCertificate" in step with the cluster (issue 11): after the initial
 * list, and after live changes to a kind the certificates are built from, the cluster's rows
 * are rebuilt (ids kept), and the organization is told its certificates changed.
 */
const KEY = Buffer.alloc(32, 7).toString('base64');
let sim: Simulator;
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let cipher: CredentialCipher;
let clusterId: string;
let supervisor: SyncSupervisor;
const changed: string[] = [];

beforeAll(async () => {
  sim = await startCourse();
  database = await openTestDatabase('portico_tracked_certs', { db: 4, sql: 8 });
  ({ db, sql } = database);
  cipher = createCredentialCipher(KEY);
  clusterId = await registerSimulator(db, cipher, sim, 'demo');
  supervisor = startSupervisor({ sql, cipher, onCertificatesChanged: (org) => changed.push(org) });
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await database?.close();
  await sim?.close();
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
    supervisor = startSupervisor({ sql, cipher });
    await waitFor('Secrets stored again with their chain', async () => {
      const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "KubeObject" WHERE "clusterId" = $1 AND resource = 'secrets' AND NOT (body->'certificate' ? 'chain')`, [
        clusterId,
      ]);
      return rows[0].n === 0;
    });
    await waitFor('tracked with its key again', async () => (await rowOf('demo', 'quickstart-example-tls'))?.keyAlgorithm === 'RSA');
  });
});
