import { randomBytes } from 'node:crypto';
import {
  type Db,
  type SqlPool,
  applyMigrations,
  createCluster,
  createCredentialCipher,
  createDb,
  createFreshDatabase,
  createOrganization,
  createSqlPool,
  createUser,
  dropDatabase,
  sealClusterCredentials,
} from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { waitFor } from './support/sync-fixtures.js';

/**
 * Issue 8, key handling as the worker sees it: credentials sealed with a key the worker lacks
 * put the cluster in `error` with a reason that names the key and the setting to fix; a row
 * re-pointed at another server (someone with write access to the table) no longer opens, so
 * the token is never sent there.
 */
const key = () => randomBytes(32).toString('base64');
const workerKey = key();
const lostKey = key();
let sim: Simulator;
let attacker: Simulator;
let db: Db;
let sql: SqlPool;
let dbUrl: string;
let organizationId: string;
let supervisor: SyncSupervisor;

async function register(name: string, sealKey: string, target: Simulator) {
  const id = crypto.randomUUID();
  const sealed = sealClusterCredentials(
    createCredentialCipher(sealKey),
    { id, server: target.url, insecureSkipTlsVerify: false },
    { caPem: target.caPem, auth: { kind: 'token', token: target.tokens.admin } },
  );
  await createCluster(db, organizationId, { id, name, server: target.url, authKind: 'token', ...sealed });
  return id;
}
const cluster = (id: string) => db.cluster.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  [sim, attacker] = await Promise.all([startSimulator({ scenario: 'empty' }), startSimulator({ scenario: 'empty' })]);
  dbUrl = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_sealed');
  await applyMigrations(dbUrl);
  db = createDb(dbUrl, { max: 2 });
  sql = createSqlPool(dbUrl, { max: 4 });
  const user = await createUser(db, { email: 'sealed@sync.test', name: 'sealed', passwordHash: 'x' });
  organizationId = (await db.$transaction((tx) => createOrganization(tx, { name: 'sealed', ownerId: user.id }))).id;
}, 60_000);

afterAll(async () => {
  await supervisor?.stop();
  await db?.$disconnect();
  await sql?.end();
  await Promise.all([sim?.close(), attacker?.close()]);
  if (dbUrl) await dropDatabase(dbUrl);
});

describe('sealed credentials in the worker', () => {
  it('shows a missing key on the cluster, naming it and PORTICO_SECRET_KEY_PREVIOUS; a cluster under a known key syncs', async () => {
    const lost = await register('lost-key', lostKey, sim);
    const fine = await register('fine', workerKey, sim);
    supervisor = new SyncSupervisor({ sql, cipher: createCredentialCipher(workerKey), logger: createLogger('silent'), scanIntervalMs: 200, leaseTtlMs: 5000, addressPolicy: { allow: ['loopback'] } });
    supervisor.start();
    await waitFor('the error status', async () => (await cluster(lost)).status === 'error');
    expect((await cluster(lost)).statusReason).toBe(
      `The credentials were sealed with key ${createCredentialCipher(lostKey).keyId}, which this worker does not have. Set PORTICO_SECRET_KEY_PREVIOUS to that key (comma-separated with any others), or enter the cluster's credentials again.`,
    );
    await waitFor('the other cluster ready', async () => (await cluster(fine)).status === 'ready');
  });

  it('refuses credentials whose row was re-pointed at another server: they never open, so the token never leaves', async () => {
    const victim = await register('victim', workerKey, sim);
    await waitFor('the victim ready', async () => (await cluster(victim)).status === 'ready');
    // Someone with write access to the table points the row at their own API server, and turns
    // verification off so the sealed CA cannot stop the connection: before issue 8 the token went there.
    await sql.query(`UPDATE "Cluster" SET "server" = $2, "insecureSkipTlsVerify" = true WHERE "id" = $1`, [victim, attacker.url]);
    await waitFor('the error status', async () => (await cluster(victim)).status === 'error');
    expect((await cluster(victim)).statusReason).toMatch(/could not be opened: they were altered, or belong to another cluster or server/);
  });
});
