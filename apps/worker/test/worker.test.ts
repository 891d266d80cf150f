import { jobs } from '@portico/contracts';
import { createDb, createOrganization, createSession, createUser } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseWorkerEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { type RunningWorker, startWorker } from '../src/worker.js';

const TEST_KEY = Buffer.alloc(32, 3).toString('base64');
let worker: RunningWorker;
beforeAll(async () => {
  worker = await startWorker(parseWorkerEnv({ DATABASE_URL: inject('databaseUrl'), WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'silent', PORTICO_SECRET_KEY: TEST_KEY }), createLogger('silent'));
});
afterAll(async () => {
  await worker?.stop();
});

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('worker', () => {
  it('reports health', async () => {
    const res = await fetch(`http://127.0.0.1:${worker.healthPort}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      queues: expect.arrayContaining([jobs.pruneExpired.name, jobs.applyChange.name, jobs.evaluateCertificates.name, jobs.sendMail.name]),
      syncing: expect.any(Number),
    });
  });

  it('runs the prune job: expired and idle sessions go, live ones stay', async () => {
    const db = createDb(inject('databaseUrl'), { max: 2 });
    try {
      const user = await createUser(db, { email: `w-${Date.now()}@worker.test`, name: 'W', passwordHash: 'x' });
      const org = await db.$transaction((tx) => createOrganization(tx, { name: 'worker org', ownerId: user.id }));
      const base = { csrfToken: 'c', userId: user.id, organizationId: org.id };
      const expired = await createSession(db, { ...base, tokenHash: `exp-${Date.now()}`, expiresAt: new Date(Date.now() - 1000) });
      const idle = await createSession(db, { ...base, tokenHash: `idle-${Date.now()}`, expiresAt: new Date(Date.now() + 3600_000) });
      await db.session.update({ where: { id: idle.id }, data: { lastSeenAt: new Date(Date.now() - 3600_000) } });
      const live = await createSession(db, { ...base, tokenHash: `live-${Date.now()}`, expiresAt: new Date(Date.now() + 3600_000) });

      await worker.boss.send(jobs.pruneExpired.name, {});
      await waitFor(async () => (await db.session.count({ where: { id: { in: [expired.id, idle.id] } } })) === 0);
      expect(await db.session.findUnique({ where: { id: live.id } })).not.toBeNull();
    } finally {
      await db.$disconnect();
    }
  });

  it('refuses a bad configuration, naming the variable', () => {
    expect(() => parseWorkerEnv({})).toThrow(/DATABASE_URL/);
    expect(() => parseWorkerEnv({ DATABASE_URL: 'postgres://x/y', PORTICO_SECRET_KEY: TEST_KEY, WORKER_HEALTH_PORT: 'abc' })).toThrow(/WORKER_HEALTH_PORT/);
    expect(() => parseWorkerEnv({ DATABASE_URL: 'postgres://x/y' })).toThrow(/PORTICO_SECRET_KEY/);
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight job finish before stopping', async () => {
    const env = parseWorkerEnv({ DATABASE_URL: inject('databaseUrl'), WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'silent', PORTICO_SECRET_KEY: TEST_KEY });
    const second = await startWorker(env, createLogger('silent'));
    const queue = `test.slow-${Date.now()}`;
    let finished = false;
    let started: () => void = () => undefined;
    let release: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    await second.boss.createQueue(queue);
    await second.boss.work(queue, { pollingIntervalSeconds: 0.5 }, async () => {
      started();
      await gate; // the job's work: it ends when the test says so
      finished = true;
    });
    await second.boss.send(queue, {});
    await running;
    let stopped = false;
    const stopping = second.stop().then(() => (stopped = true));
    // stop() must still be waiting for the job: give it every chance to return early.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
  });
});
