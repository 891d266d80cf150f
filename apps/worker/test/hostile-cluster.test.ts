import { type CredentialCipher, type Db, type SqlPool, applyMigrations, createCredentialCipher, createDb, createFreshDatabase, createSqlPool, dropDatabase } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { registerSimulator, waitFor } from './support/sync-fixtures.js';

/**
 * Issue 8: a registered "cluster" is anyone's server. One that answers with gigabytes, floods a
 * watch or holds more objects than the cap gets a clear status on that cluster alone; the
 * worker's memory stays bounded (measured) and a healthy cluster served by the same worker
 * keeps syncing meanwhile.
 */
const KEY = Buffer.alloc(32, 8).toString('base64');
const MB = 1024 * 1024;
const CAP = 3000;
/** What the hostile clusters may add to the worker's RSS: two 64 MB list pages in flight plus parsing. */
const RSS_BUDGET = 200 * MB;
const logger = createLogger(process.env.SYNC_TEST_LOG ?? 'silent');
const sims: Simulator[] = [];
let healthy: Simulator;
let db: Db;
let sql: SqlPool;
let dbUrl: string;
let cipher: CredentialCipher;
let healthyId: string;
let supervisor: SyncSupervisor;

async function simulator(scenario: 'course' | 'empty'): Promise<Simulator> {
  const sim = await startSimulator({ scenario, bookmarkIntervalMs: 1000 });
  sims.push(sim);
  return sim;
}

const registerCluster = (name: string, target: Simulator) => registerSimulator(db, cipher, target, name);
const clusterRow = (id: string) => db.cluster.findUniqueOrThrow({ where: { id } });

async function disable(...ids: string[]) {
  await db.cluster.updateMany({ where: { id: { in: ids } }, data: { enabled: false } });
  await waitFor('the supervisor to let go', () => ids.every((id) => !supervisor.clusterIds().includes(id)));
}

/** The highest RSS seen until `stop()`, sampled every 20 ms. */
function watchRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

/** A change made in the healthy cluster reaches Postgres. */
async function healthyKeepsSyncing(name: string) {
  healthy.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
  await waitFor(`${name} in Postgres`, async () => (await db.kubeObject.count({ where: { clusterId: healthyId, name } })) === 1, 30_000);
}

beforeAll(async () => {
  healthy = await simulator('course');
  dbUrl = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_hostile');
  await applyMigrations(dbUrl);
  db = createDb(dbUrl, { max: 6 });
  sql = createSqlPool(dbUrl, { max: 8, statementTimeoutMs: 30_000 });
  cipher = createCredentialCipher(KEY);
  healthyId = await registerCluster('healthy', healthy);
  supervisor = new SyncSupervisor({ sql, cipher, logger, scanIntervalMs: 300, leaseTtlMs: 5000, maxObjectsPerCluster: CAP, addressPolicy: { allow: ['loopback'] } });
  supervisor.start();
  await waitFor('the healthy cluster ready', async () => (await clusterRow(healthyId)).status === 'ready');
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await db?.$disconnect();
  await sql?.end();
  await Promise.all(sims.map((s) => s.close()));
  if (dbUrl) await dropDatabase(dbUrl);
});

describe('a hostile cluster harms only itself', () => {
  it('refuses a 1 GB /version and a 1 GB list page with a clear status, RSS bounded, the healthy cluster syncing', async () => {
    const [bigVersion, bigList] = await Promise.all([simulator('empty'), simulator('empty')]);
    bigVersion.faults.oversizeBody({ target: '/version', megabytes: 1024 });
    bigList.faults.oversizeBody({ target: 'services', megabytes: 1024 });
    const before = process.memoryUsage().rss;
    const peak = watchRss();
    const [versionId, listId] = await Promise.all([registerCluster('big-version', bigVersion), registerCluster('big-list', bigList)]);

    await waitFor('the /version status', async () => (await clusterRow(versionId)).status === 'error');
    expect((await clusterRow(versionId)).statusReason).toBe(`${new URL(bigVersion.url).host}: the server sent more than 4 MB for /version; a Kubernetes API server does not.`);
    await waitFor('the list status', async () => (await clusterRow(listId)).status === 'error');
    expect((await clusterRow(listId)).statusReason).toContain('the server sent more than 64 MB for /api/v1/services; a Kubernetes API server does not');
    await healthyKeepsSyncing('during-big-bodies');
    const grown = peak() - before;
    logger.info({ grownMb: Math.round(grown / MB) }, 'RSS growth with oversized bodies');
    expect(grown).toBeLessThan(RSS_BUDGET);
    expect((await clusterRow(healthyId)).status).toBe('ready');
    await disable(versionId, listId); // their retries would blur the next measurements
  }, 120_000);

  it('stops a watch flood of new objects at the object cap with a clear status, RSS bounded', async () => {
    const flooder = await simulator('empty');
    flooder.faults.floodWatches({ resources: ['services'] });
    const before = process.memoryUsage().rss;
    const peak = watchRss();
    const floodId = await registerCluster('flood-new', flooder);
    await waitFor('the cap status', async () => (await clusterRow(floodId)).status === 'error');
    expect((await clusterRow(floodId)).statusReason).toBe(`this cluster has more than ${CAP} networking objects; Portico's limit is ${CAP} (SYNC_MAX_OBJECTS_PER_CLUSTER)`);
    expect(flooder.faults.floodEventsSent()).toBeGreaterThan(CAP);
    // Nothing past the cap was written, and it stays so.
    await healthyKeepsSyncing('during-new-object-flood');
    expect(await db.kubeObject.count({ where: { clusterId: floodId } })).toBeLessThanOrEqual(CAP);
    expect(peak() - before).toBeLessThan(RSS_BUDGET);
    await disable(floodId);
  }, 120_000);

  it('stops reading a flooding watch while its writes wait for Postgres: RSS flat, the healthy cluster syncing', async () => {
    const flooder = await simulator('empty');
    // 500 objects modified over and over, 2 kB each: under the cap, so the flood never stops by itself.
    flooder.faults.floodWatches({ resources: ['services'], names: 500, padBytes: 2048 });
    const floodId = await registerCluster('flood-modify', flooder);
    const sent = () => flooder.faults.floodEventsSent();
    await waitFor('the flood under way', async () => sent() > 20_000 && (await db.kubeObject.count({ where: { clusterId: floodId, namespace: 'flood' } })) === 500);

    // Postgres stalls on this cluster's rows (locked by another transaction): its batches cannot be written.
    const locker = createSqlPool(dbUrl, { max: 1 });
    const lock = await locker.connect();
    await lock.query('BEGIN');
    // SKIP LOCKED: never wait on the batch being written (that could deadlock); the next batch waits on us.
    await lock.query(`SELECT 1 FROM "KubeObject" WHERE "clusterId" = $1 FOR UPDATE SKIP LOCKED`, [floodId]);
    const before = process.memoryUsage().rss;
    const peak = watchRss();
    const sentAtLock = sent();
    await healthyKeepsSyncing('while-a-flood-is-held');
    // Held back: the counter stands still for a second. Not held: it runs on (300 000 more events).
    let last = -1;
    let still = Date.now();
    await waitFor('the flood held back, or 300 000 events through', () => {
      if (sent() !== last) [last, still] = [sent(), Date.now()];
      return Date.now() - still > 1000 || sent() - sentAtLock > 300_000;
    });
    const through = sent() - sentAtLock;
    const grown = peak() - before;
    await lock.query('ROLLBACK');
    lock.release();
    await locker.end();
    logger.info({ grownMb: Math.round(grown / MB), through }, 'a flood held back while Postgres stalls');
    // What got through is what the queue (2000 events) and the socket buffers hold.
    expect(through).toBeLessThan(30_000);
    expect(grown).toBeLessThan(RSS_BUDGET);
    await waitFor('the flood flowing again once Postgres is back', () => sent() > sentAtLock + through + 20_000);
    flooder.faults.clear();
    await disable(floodId);
  }, 120_000);

  it('shows the cap status for a cluster whose list alone is over the cap, and writes no more than the cap', async () => {
    const big = await simulator('empty');
    big.generate.services(CAP + 500, { namespace: 'many' });
    const bigId = await registerCluster('over-cap', big);
    await waitFor('the cap status', async () => (await clusterRow(bigId)).status === 'error');
    expect((await clusterRow(bigId)).statusReason).toBe(`this cluster has more than ${CAP} networking objects; Portico's limit is ${CAP} (SYNC_MAX_OBJECTS_PER_CLUSTER)`);
    expect(await db.kubeObject.count({ where: { clusterId: bigId } })).toBeLessThanOrEqual(CAP);
    await healthyKeepsSyncing('after-over-cap');
  }, 120_000);
});
