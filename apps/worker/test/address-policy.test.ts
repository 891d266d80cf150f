import { once } from 'node:events';
import { type AddressInfo, type Server, createServer } from 'node:net';
import {
  type CredentialCipher,
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
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { waitFor } from './support/sync-fixtures.js';

/**
 * The worker checks the address of every connection it opens, not the address a cluster had
 * when it was registered: a cluster registered while loopback was allowed (or whose name
 * resolved elsewhere then) is never connected to by a worker that does not allow it. A real
 * TCP listener counts the worker's connections.
 */
const KEY = Buffer.alloc(32, 11).toString('base64');
const logger = createLogger('silent');
let dbUrl: string;
let db: Db;
let sql: SqlPool;
let cipher: CredentialCipher;
let listener: Server;
let connections = 0;

beforeAll(async () => {
  dbUrl = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_addresses');
  await applyMigrations(dbUrl);
  db = createDb(dbUrl, { max: 4 });
  sql = createSqlPool(dbUrl, { max: 6 });
  cipher = createCredentialCipher(KEY);
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  listener.listen(0, '::');
  await once(listener, 'listening');
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await sql?.end();
  await new Promise((resolve) => listener?.close(resolve));
  if (dbUrl) await dropDatabase(dbUrl);
});

async function registerCluster(server: string): Promise<string> {
  const user = await createUser(db, { email: `addr-${Date.now()}@worker.test`, name: 'A', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name: `addresses ${Date.now()}`, ownerId: user.id }));
  const id = crypto.randomUUID();
  const sealed = sealClusterCredentials(cipher, { id, server, insecureSkipTlsVerify: true }, { auth: { kind: 'token', token: 'a-token' } });
  await createCluster(db, org.id, { id, name: 'internal', server, authKind: 'token', insecureSkipTlsVerify: true, ...sealed });
  return id;
}

describe('worker address policy', () => {
  it('never connects to a cluster on loopback once the worker no longer allows it', async () => {
    const clusterId = await registerCluster(`https://localhost:${(listener.address() as AddressInfo).port}`);
    const status = async () => db.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { status: true, statusReason: true } });

    // Registered (and synced) while loopback was allowed: the worker connects (the control).
    const lenient = new SyncSupervisor({ sql, cipher, logger, scanIntervalMs: 200, leaseTtlMs: 5000, addressPolicy: { allow: ['loopback'] } });
    lenient.start();
    await waitFor('the lenient worker to try the cluster', async () => connections > 0 && (await status()).status !== 'pending');
    await lenient.stop();

    // Restarted with the installation's default (public addresses only).
    connections = 0;
    const defaults = parseWorkerEnv({ DATABASE_URL: dbUrl, PORTICO_SECRET_KEY: KEY });
    const strict = new SyncSupervisor({ sql, cipher, logger, scanIntervalMs: 200, leaseTtlMs: 5000, addressPolicy: { allow: defaults.PORTICO_CLUSTER_ADDRESSES_ALLOWED } });
    strict.start();
    try {
      await waitFor('the refusal on the cluster', async () => /does not allow/.test((await status()).statusReason ?? ''));
      expect(await status()).toEqual({
        status: 'error',
        statusReason: 'localhost resolves to a loopback address, which this installation does not allow; an administrator can allow it with PORTICO_CLUSTER_ADDRESSES_ALLOWED=loopback.',
      });
      expect(connections).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});
