import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Db, type EmbeddedDatabase, type SqlPool, createCredentialCipher, ensureDatabaseExists, startEmbeddedDatabase } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { copyDifferences, migrateAndConnect, registerSimulator, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * Issue 8: with `synchronous_commit=off` a Postgres crash lost sync writes that were already
 * acknowledged, and a watch with no later event never redid them (no write failed, so no
 * relist came). Here Postgres is killed outright (SIGKILL to its whole process group: the
 * postmaster and every backend, as in a crash) right after a watch event's row became
 * visible; after the restart, with nothing else happening in the cluster, the copy must
 * still hold it. Uses its own embedded Postgres (it is killed), on a port of 54360–54369.
 */
const port = 54360 + Math.floor(Math.random() * 10);
let dataDir: string;
let pg: EmbeddedDatabase;
let sim: Simulator;
let db: Db;
let sql: SqlPool;
let clusterId: string;
let supervisor: SyncSupervisor;

const differences = () => copyDifferences(sim, db, clusterId);

/** SIGKILL to the server's process group (it runs detached: the group id is the postmaster's pid). */
function crashPostgres(): void {
  const pid = Number(readFileSync(path.join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(-pid, 'SIGKILL');
}

/** The first queries after a restart may meet a pooled connection the crash broke: retried, never a wait for data. */
async function afterRestart<T>(query: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await query();
    } catch (err) {
      if (attempt >= 10) throw err;
    }
  }
}

const rowOf = (name: string) => db.kubeObject.findFirst({ where: { clusterId, resource: 'services', namespace: 'demo', name } });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'portico-pg-crash-'));
  [sim, pg] = await Promise.all([startSimulator({ scenario: 'course', bookmarkIntervalMs: 1000 }), startEmbeddedDatabase({ dataDir, port })]);
  await sim.settle();
  const url = pg.urlFor('portico');
  await ensureDatabaseExists(url);
  ({ db, sql } = await migrateAndConnect(url, { db: 4, sql: 6 }));
  const cipher = createCredentialCipher(Buffer.alloc(32, 6).toString('base64'));
  clusterId = await registerSimulator(db, cipher, sim, 'crash');
  supervisor = startSupervisor({ sql, cipher, leaseTtlMs: 5000 });
  await waitFor('initial sync', async () => (await differences()).length === 0, 60_000);
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await db?.$disconnect();
  await sql?.end();
  await sim?.close();
  await pg?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a Postgres crash (kill -9) during the sync', () => {
  it('keeps every acknowledged write, and the copy converges without any further change in the cluster', async () => {
    for (let round = 1; round <= 3; round++) {
      // A new object and a deletion, each visible in Postgres (acknowledged) just before the crash.
      const name = `crash-${round}`;
      sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
      await waitFor(`${name} stored`, async () => !!(await rowOf(name)), 30_000);
      if (round > 1) {
        sim.objects.delete('v1', 'Service', 'demo', `crash-${round - 1}`);
        await waitFor(`crash-${round - 1} deleted`, async () => !(await rowOf(`crash-${round - 1}`)), 30_000);
      }
      crashPostgres();
      pg = await startEmbeddedDatabase({ dataDir, port });
      // Nothing changes in the cluster from here: only what Postgres kept can make the copy right.
      expect(await afterRestart(() => rowOf(name))).not.toBeNull();
      if (round > 1) expect(await afterRestart(() => rowOf(`crash-${round - 1}`))).toBeNull();
      await waitFor('convergence after the crash', async () => (await differences()).length === 0, 30_000);
      // The sync is still alive: a change after the restart arrives too.
      sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: `after-crash-${round}`, namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
      await waitFor('a change after the restart', async () => (await differences()).length === 0 && !!(await rowOf(`after-crash-${round}`)), 60_000);
    }
  }, 240_000);
});
