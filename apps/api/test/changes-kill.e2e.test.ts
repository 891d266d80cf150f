import type { TChange } from '@portico/contracts';
import { KubeClient, type WatchEvent, parseKubeconfig } from '@portico/kube';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangesClient, changesClient } from './support/changes.js';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';
import { type WorkerProcess, startWorkerProcess } from './support/worker-process.js';

/**
 * Nothing is lost: 200 changes (10 in a row to each of 20 Services) submitted while the worker
 * is killed with SIGKILL at random moments and restarted. Every change must end applied, in
 * its object's submission order, recorded once in the audit trail, and have reached the
 * cluster exactly once: each Service is created once and modified once per later change, as
 * the cluster's own watch stream reports.
 */
const OBJECTS = 20;
const CHANGES_PER_OBJECT = 10;
const KILLS = 5;

let t: TestApp;
let sim: Simulator;
let worker: WorkerProcess;
let editor: ChangesClient;
let adminToken: string;
let kube: KubeClient;

beforeAll(async () => {
  [t, sim] = await Promise.all([startTestApp(), startSimulator({ scenario: 'course', watchHistory: 100_000 })]);
  const seeded = await seedOrganization(t.db, 'kill');
  adminToken = (await createToken(await signIn(t, seeded.users.admin.email), 'admin')).secret;
  const editorToken = (await createToken(await signIn(t, seeded.users.editor.email), 'editor')).secret;
  const registered = await t.http().post('/api/v1/clusters').set('Authorization', `Bearer ${adminToken}`).send({ name: 'kill', kubeconfig: sim.kubeconfig });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  editor = changesClient(t, editorToken, (registered.body as { id: string }).id);
  kube = new KubeClient(parseKubeconfig(sim.kubeconfig).connection, { addressPolicy: { allow: ['loopback'] } });
  worker = await startWorkerProcess({ CHANGE_CONCURRENCY: '8' });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await kube?.close();
  await Promise.all([t?.close(), sim?.close()]);
});

const change = (i: number, j: number) => ({ type: 'service', namespace: 'default', name: `kill-${i}`, selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 8000 + j }] });

describe('kill -9 while applying', () => {
  it('applies every accepted change exactly once, in order, none lost, stuck or recorded twice', async () => {
    // The cluster's own record of writes: a watch from now on.
    const list = await kube.getJson('/api/v1/namespaces/default/services', { kind: 'list' });
    const from = (list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const events: { type: string; name: string; targetPort: unknown }[] = [];
    const watching = new AbortController();
    // A watch ends when the server closes it: resume from the last event seen, so none is missed.
    const watch = (async () => {
      let since = from;
      while (!watching.signal.aborted) {
        await kube
          .watch(
            `/api/v1/namespaces/default/services?watch=1&resourceVersion=${since}`,
            (e: WatchEvent) => {
              const meta = (e.object.metadata ?? {}) as { name?: string; resourceVersion?: string };
              if (meta.resourceVersion) since = meta.resourceVersion;
              const name = meta.name ?? '';
              if (name.startsWith('kill-')) events.push({ type: e.type, name, targetPort: ((e.object.spec as { ports?: { targetPort?: unknown }[] }).ports ?? [])[0]?.targetPort });
            },
            { signal: watching.signal },
          )
          .catch(() => undefined);
        // A failing watch must not spin: the stream is resumed at most ten times a second.
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // Kill the worker at random moments while changes are being submitted and applied.
    let killing = true;
    const kills: number[] = [];
    const killer = (async () => {
      for (let k = 0; k < KILLS && killing; k++) {
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 1500));
        await worker.kill();
        kills.push(Date.now());
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
        await worker.restart();
      }
    })();

    const ids: string[][] = Array.from({ length: OBJECTS }, () => []);
    for (let j = 0; j < CHANGES_PER_OBJECT; j++) {
      const submitted = await Promise.all(Array.from({ length: OBJECTS }, (_, i) => editor.submit({ change: change(i, j) })));
      submitted.forEach((res, i) => {
        expect(res.status, JSON.stringify(res.body)).toBe(202);
        ids[i].push((res.body as TChange).id);
      });
    }
    await killer;
    killing = false;
    expect(kills).toHaveLength(KILLS);

    // One list request per half second, not one poll per change: the API under test is also the one applying.
    const done = await allFinal(ids.flat().length);
    expect(done).toHaveLength(OBJECTS * CHANGES_PER_OBJECT);
    expect(done.filter((c) => c.state !== 'applied').map((c) => [c.id, c.state, c.error?.message])).toEqual([]);

    // In submission order per object, and the last one wins.
    const byId = new Map(done.map((c) => [c.id, c]));
    for (let i = 0; i < OBJECTS; i++) {
      const finished = ids[i].map((id) => byId.get(id)!.finishedAt!);
      expect([...finished].sort()).toEqual(finished);
      const live = sim.objects.get('v1', 'Service', 'default', `kill-${i}`) as unknown as { spec: { ports: { targetPort: number }[] } };
      expect(live.spec.ports[0].targetPort).toBe(8000 + CHANGES_PER_OBJECT - 1);
    }

    // Recorded once each: one change.applied per change, no failure.
    const audit = new Map<string, string[]>();
    for (let cursor: string | null | undefined = undefined; cursor !== null;) {
      const page = await t
        .http()
        .get(`/api/v1/audit-events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set('Authorization', `Bearer ${adminToken}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const body = page.body as { items: { action: string; targetId: string | null }[]; nextCursor: string | null };
      for (const e of body.items) if (e.targetId && e.action.startsWith('change.')) audit.set(e.targetId, [...(audit.get(e.targetId) ?? []), e.action]);
      cursor = body.nextCursor;
    }
    for (const id of ids.flat()) expect((audit.get(id) ?? []).sort(), id).toEqual(['change.applied', 'change.submitted']);

    // Reached the cluster once each: one ADDED and one MODIFIED per later change, per Service.
    await waitFor(() => events.filter((e) => e.type === 'MODIFIED').length >= OBJECTS * (CHANGES_PER_OBJECT - 1)).catch((err: Error) => {
      throw new Error(
        `${err.message}: ${JSON.stringify(events.reduce<Record<string, string[]>>((acc, e) => ({ ...acc, [e.name]: [...(acc[e.name] ?? []), `${e.type}:${String(e.targetPort)}`] }), {}))}`,
      );
    });
    watching.abort();
    // The stream is cut; its promise settles with the next read, which this test need not wait for.
    void watch;
    for (let i = 0; i < OBJECTS; i++) {
      const mine = events.filter((e) => e.name === `kill-${i}`);
      expect(mine.map((e) => e.type)).toEqual(['ADDED', ...Array<string>(CHANGES_PER_OBJECT - 1).fill('MODIFIED')]);
      expect(mine.map((e) => e.targetPort)).toEqual(Array.from({ length: CHANGES_PER_OBJECT }, (_, j) => 8000 + j));
    }
  }, 400_000);
});

async function allFinal(count: number, timeoutMs = 240_000): Promise<TChange[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await editor.list(`?clusterId=${editor.clusterId}&limit=200`);
    const items = (res.body as { items: TChange[] }).items;
    if (items.length >= count && items.every((c) => ['applied', 'failed', 'cancelled', 'rejected'].includes(c.state))) return items;
    if (Date.now() > deadline) throw new Error(`${items.filter((c) => c.state === 'applied').length} of ${count} applied after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitFor(fn: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
