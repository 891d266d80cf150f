import { once } from 'node:events';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { type CredentialCipher, type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.js';
import { type TestDatabase, openTestDatabase, registerServer, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * The worker checks the address of every connection it opens, not the address a cluster had
 * when it was registered: a cluster registered while loopback was allowed (or whose name
 * resolved elsewhere then) is never connected to by a worker that does not allow it. A real
 * TCP listener counts the worker's connections.
 */
const KEY = Buffer.alloc(32, 11).toString('base64');
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let cipher: CredentialCipher;
let listener: Server;
let connections = 0;

beforeAll(async () => {
  database = await openTestDatabase('portico_addresses', { db: 4, sql: 6 });
  ({ db, sql } = database);
  cipher = createCredentialCipher(KEY);
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  listener.listen(0, '::');
  await once(listener, 'listening');
}, 60_000);
afterAll(async () => {
  await database?.close();
  await new Promise((resolve) => listener?.close(resolve));
});

/** A cluster without a CA (verification off), so only the address can stop the connection. */
const registerCluster = (server: string) => registerServer(db, cipher, { url: server, token: 'a-token' }, 'internal');

describe('worker address policy', () => {
  it('never connects to a cluster on loopback once the worker no longer allows it', async () => {
    const clusterId = await registerCluster(`https://localhost:${(listener.address() as AddressInfo).port}`);
    const status = async () => db.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { status: true, statusReason: true } });

    // Registered (and synced) while loopback was allowed: the worker connects (the control).
    const lenient = startSupervisor({ sql, cipher, scanIntervalMs: 200, leaseTtlMs: 5000 });
    await waitFor('the lenient worker to try the cluster', async () => connections > 0 && (await status()).status !== 'pending');
    await lenient.stop();

    // Restarted with the installation's default (public addresses only).
    connections = 0;
    const defaults = parseWorkerEnv({ DATABASE_URL: database.url, PORTICO_SECRET_KEY: KEY });
    const strict = startSupervisor({ sql, cipher, scanIntervalMs: 200, leaseTtlMs: 5000, addressPolicy: { allow: defaults.PORTICO_CLUSTER_ADDRESSES_ALLOWED } });
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
