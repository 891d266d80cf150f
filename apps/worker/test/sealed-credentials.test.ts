import { randomBytes } from 'node:crypto';
import { type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { type TestDatabase, createTestOrganization, openTestDatabase, registerSimulator, startSupervisor, waitFor } from './support/sync-fixtures.js';

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
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let organizationId: string;
let supervisor: SyncSupervisor;

const register = (name: string, sealKey: string, target: Simulator) => registerSimulator(db, createCredentialCipher(sealKey), target, name, organizationId);
const cluster = (id: string) => db.cluster.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  [sim, attacker] = await Promise.all([startSimulator({ scenario: 'empty' }), startSimulator({ scenario: 'empty' })]);
  database = await openTestDatabase('portico_sealed', { db: 2, sql: 4 });
  ({ db, sql } = database);
  organizationId = await createTestOrganization(db, 'sealed');
}, 60_000);

afterAll(async () => {
  await supervisor?.stop();
  await database?.close();
  await Promise.all([sim?.close(), attacker?.close()]);
});

describe('sealed credentials in the worker', () => {
  it('shows a missing key on the cluster, naming it and PORTICO_SECRET_KEY_PREVIOUS; a cluster under a known key syncs', async () => {
    const lost = await register('lost-key', lostKey, sim);
    const fine = await register('fine', workerKey, sim);
    supervisor = startSupervisor({ sql, cipher: createCredentialCipher(workerKey), scanIntervalMs: 200, leaseTtlMs: 5000 });
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
