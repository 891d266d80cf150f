import { addMember, createUser } from '@portico/db';
import type { TChange, TChangePreview } from '@portico/contracts';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { type ChangesClient, changesClient } from './support/changes.js';
import { PASSWORD, type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';
import { type WorkerProcess, startWorkerProcess } from './support/worker-process.js';

/**
 * The change pipeline end to end: the real API, the real worker process and the simulator over
 * HTTPS. Preview (dry-run, diff, kubectl, warnings), submit (202, Idempotency-Key), apply
 * (server-side apply as `portico`), conflicts, preconditions, cancel, revert and approval.
 */
let t: TestApp;
let sim: Simulator;
let worker: WorkerProcess;
let clusterId: string;
let editor: ChangesClient;
let viewer: ChangesClient;
let admin: ChangesClient;
let secondAdmin: ChangesClient;
let adminToken: string;

beforeAll(async () => {
  [t, sim] = await Promise.all([startTestApp(), startSimulator({ scenario: 'course' })]);
  const seeded = await seedOrganization(t.db, 'changes');
  const other = await createUser(t.db, { email: `admin2-${Date.now()}@changes.test`, name: 'Second admin', passwordHash: await hashPassword(PASSWORD) });
  await addMember(t.db, seeded.organization.id, { userId: other.id, role: 'admin' });
  const tokens = {
    admin: (await createToken(await signIn(t, seeded.users.admin.email), 'admin')).secret,
    editor: (await createToken(await signIn(t, seeded.users.editor.email), 'editor')).secret,
    viewer: (await createToken(await signIn(t, seeded.users.viewer.email), 'viewer')).secret,
    second: (await createToken(await signIn(t, other.email), 'admin')).secret,
  };
  adminToken = tokens.admin;
  const registered = await t.http().post('/api/v1/clusters').set('Authorization', `Bearer ${tokens.admin}`).send({ name: 'course', kubeconfig: sim.kubeconfig });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  clusterId = (registered.body as { id: string }).id;
  editor = changesClient(t, tokens.editor, clusterId);
  viewer = changesClient(t, tokens.viewer, clusterId);
  admin = changesClient(t, tokens.admin, clusterId);
  secondAdmin = changesClient(t, tokens.second, clusterId);
  worker = await startWorkerProcess();
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await Promise.all([t?.close(), sim?.close()]);
});

const exposeNodePort = { type: 'expose', namespace: 'default', source: { kind: 'Deployment', name: 'my-app' }, name: 'my-app-np', serviceType: 'NodePort' };
const liveService = (name: string, namespace = 'default') => sim.objects.get('v1', 'Service', namespace, name) as { metadata: Record<string, unknown>; spec: Record<string, unknown> } | undefined;

describe('Expose through the pipeline', () => {
  it('previews: the manifest, a dry-run with the allocated nodePort, the diff, the kubectl command; nothing is created', async () => {
    const res = await viewer.preview(exposeNodePort);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const preview = res.body as TChangePreview;
    expect(preview.target).toEqual({ apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'my-app-np' });
    expect(preview.kubectl).toEqual(['kubectl expose deployment my-app -n default --name=my-app-np --type=NodePort']);
    expect(preview.yaml).toMatch(/kind: Service/);
    expect(preview.live).toMatchObject({ exists: false, resourceVersion: null });
    expect(preview.baseResourceVersion).toBe('');
    expect(preview.diff).toMatch(/\+\s+type: NodePort/);
    // A dry-run allocates nothing: the node port and cluster IP the cluster will choose are said to be so.
    expect(preview.diff).toMatch(/\+\s+nodePort: <allocated on apply>/);
    expect(preview.diff).toMatch(/\+\s+clusterIP: <allocated on apply>/);
    expect(liveService('my-app-np')).toBeUndefined();
  });

  it('a viewer may preview but not submit', async () => {
    const res = await viewer.submit({ change: exposeNodePort });
    expect(res.status).toBe(403);
  });

  it('submits (202, the same change again for the same Idempotency-Key), applies with server-side apply as portico, records it once', async () => {
    const preview = (await editor.preview(exposeNodePort)).body as TChangePreview;
    const body = { change: exposeNodePort, baseResourceVersion: preview.baseResourceVersion };
    const first = await editor.submit(body, 'expose-my-app-np');
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const change = first.body as TChange;
    expect(['pending', 'applying', 'applied']).toContain(change.state);
    const again = await editor.submit(body, 'expose-my-app-np');
    expect(again.status).toBe(202);
    expect((again.body as TChange).id).toBe(change.id);
    const reused = await editor.submit({ ...body, reason: 'another body' }, 'expose-my-app-np');
    expect(reused.status).toBe(409);
    expect(JSON.stringify(reused.body)).toMatch(/idempotency-key/i);

    const done = await editor.settled(change.id);
    expect(done.state, JSON.stringify(done.error)).toBe('applied');
    expect(done.result!.allocated.nodePorts).toHaveLength(1);
    expect(done.result!.uid).toBeTruthy();
    expect(done.before).toBeNull();
    const svc = liveService('my-app-np')!;
    expect(svc).toBeDefined();
    expect((svc.spec.ports as { nodePort: number }[])[0].nodePort).toBe(done.result!.allocated.nodePorts[0].nodePort);
    expect((svc.metadata.managedFields as { manager: string; operation: string }[]).map((m) => m.manager)).toContain('portico');

    const audit = await t.http().get('/api/v1/audit-events?limit=200').set('Authorization', `Bearer ${adminToken}`);
    const mine = (audit.body as { items: { action: string; targetId: string }[] }).items.filter((e) => e.targetId === change.id).map((e) => e.action);
    expect(mine.sort()).toEqual(['change.applied', 'change.submitted']);
  });

  it('refuses invalid input before anything reaches the cluster, naming each field', async () => {
    // Every request the cluster would get fails: a 400 here proves the cluster was never asked.
    sim.faults.addRule({ status: 500 });
    try {
      const cases: [object, string][] = [
        [{ ...exposeNodePort, ports: [{ port: 70000 }] }, 'change.ports.0.port'],
        [{ ...exposeNodePort, ports: [{ port: 80, nodePort: 29999 }] }, 'change.ports.0.nodePort'],
        [{ ...exposeNodePort, name: 'My_App' }, 'change.name'],
        [{ ...exposeNodePort, name: '1abc' }, 'change.name'],
        [{ ...exposeNodePort, ports: [{ port: 80 }, { port: 80 }] }, 'change.ports.1.port'],
        [{ ...exposeNodePort, headless: true }, 'change.headless'],
        [{ ...exposeNodePort, loadBalancerClass: 'example.com/lb' }, 'change.loadBalancerClass'],
        [{ ...exposeNodePort, serviceType: 'ClusterIP', externalTrafficPolicy: 'Local' }, 'change.externalTrafficPolicy'],
        [{ ...exposeNodePort, ports: [{ port: 80, targetPort: 'way-too-long-port-name' }] }, 'change.ports.0.targetPort'],
        [{ ...exposeNodePort, selector: { 'bad key!': 'x' } }, 'change.selector.bad key!'],
        [{ type: 'service', namespace: 'default', name: 'two', ports: [{ port: 80 }, { port: 81 }] }, 'change.ports.0.name'],
        [{ type: 'externalName', namespace: 'default', name: 'db', externalName: 'not a host' }, 'change.externalName'],
        [{ type: 'delete', target: { kind: 'IngressClass', namespace: 'default', name: 'nginx' } }, 'change.target.namespace'],
        [{ type: 'yaml', yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  namespace: default\n' }, 'change.yaml'],
        [{ type: 'yaml', yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\n  namespace: default\n' }, 'change.yaml'],
      ];
      for (const [change, field] of cases) {
        for (const res of [await editor.preview(change), await editor.submit({ change })]) {
          expect(res.status, `${JSON.stringify(change)} → ${JSON.stringify(res.body)}`).toBe(400);
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect((res.body as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toContain(field);
        }
      }
    } finally {
      sim.faults.clear();
    }
    const listed = await editor.list(`?clusterId=${clusterId}&limit=200`);
    expect((listed.body as { items: TChange[] }).items.every((c) => c.type !== 'externalName')).toBe(true);
  });
});

describe('preview warnings', () => {
  it('warns when the selector matches no pod, and when the target port is not a container port', async () => {
    const res = await viewer.preview({ type: 'service', namespace: 'default', name: 'nothing', selector: { app: 'no-such-app' }, ports: [{ port: 80 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as TChangePreview).warnings.map((w) => w.code)).toContain('selector_matches_no_pod');
    const ports = await viewer.preview({ ...exposeNodePort, name: 'wrong-port', ports: [{ port: 80, targetPort: 9999 }] });
    expect(ports.status, JSON.stringify(ports.body)).toBe(200);
    const warning = (ports.body as TChangePreview).warnings.find((w) => w.code === 'port_not_exposed');
    expect(warning?.field).toBe('change.ports.0.targetPort');
  });

  it('warns that a nodePort is taken, naming the Service, and that Helm manages the object', async () => {
    const taken = (liveService('my-app-np')!.spec.ports as { nodePort: number }[])[0].nodePort;
    // The synced copy knows the node ports: wait until the worker has stored the new Service.
    // The apiserver refuses the port; the synced copy (once the worker has stored the new Service) names its user.
    await waitFor(async () => {
      const res = await viewer.preview({ ...exposeNodePort, name: 'clash', ports: [{ port: 80, nodePort: taken }] });
      const problem = res.body as { invalid_params?: { name: string; reason: string }[] };
      return res.status === 422 && !!problem.invalid_params?.some((p) => p.name === 'change.ports.0.nodePort' && /already allocated/.test(p.reason) && p.reason.includes('Service default/my-app-np'));
    });
    sim.objects.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'charted', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'Helm' } },
      spec: { selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 80 }] },
    });
    const res = await viewer.preview({ type: 'service', namespace: 'default', name: 'charted', selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 81 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const codes = (res.body as TChangePreview).warnings.map((w) => w.code);
    expect(codes).toContain('managed_by_tool');
    expect(codes).toContain('field_owned_by_other_manager');
    expect((res.body as TChangePreview).conflicts.map((c) => c.manager)).toContain('kube-sim');
  });

  it('lists what stops resolving when a Service is deleted', async () => {
    const res = await viewer.preview({ type: 'delete', target: { kind: 'Service', namespace: 'demo', name: 'kuard' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const preview = res.body as TChangePreview;
    expect(preview.operation).toBe('delete');
    expect(preview.kubectl).toEqual(['kubectl delete service kuard -n demo']);
    await waitFor(async () =>
      ((await viewer.preview({ type: 'delete', target: { kind: 'Service', namespace: 'demo', name: 'kuard' } })).body as TChangePreview).warnings.some(
        (w) => w.code === 'stops_resolving' && w.message.includes('Ingress demo/kuard'),
      ),
    );
  });
});

const OWNED = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'owned', namespace: 'default' }, spec: { selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 8080 }] } };

describe('conflicts and preconditions', () => {
  it('reports fields another manager owns and applies only with force (recorded)', async () => {
    sim.objects.apply(OWNED);
    // Same port (the list's key), another target: the field kube-sim owns.
    const change = { type: 'service', namespace: 'default', name: 'owned', selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 9090 }] };
    const { change: refused } = await editor.previewAndSubmit(change);
    const failed = await editor.settled(refused.id);
    expect(failed.state).toBe('failed');
    expect(failed.error!.reason).toBe('FieldManagerConflict');
    expect(failed.error!.conflicts.map((c) => c.manager)).toContain('kube-sim');
    expect((liveService('owned')!.spec.ports as { targetPort: number }[])[0].targetPort).toBe(8080);

    const { change: forced } = await editor.previewAndSubmit(change, { force: true });
    const applied = await editor.settled(forced.id);
    expect(applied.state, JSON.stringify(applied.error)).toBe('applied');
    expect(applied.force).toBe(true);
    expect((liveService('owned')!.spec.ports as { targetPort: number }[])[0].targetPort).toBe(9090);
  });

  it('fails when the object changed after the preview, unless told to apply over newer changes', async () => {
    const change = { type: 'service', namespace: 'default', name: 'owned', selector: { app: 'my-app' }, ports: [{ port: 80, targetPort: 9091 }] };
    const preview = (await editor.preview(change)).body as TChangePreview;
    sim.objects.apply({ ...OWNED, metadata: { ...OWNED.metadata, labels: { touched: 'yes' } } });
    const stale = await editor.settled(((await editor.submit({ change, baseResourceVersion: preview.baseResourceVersion, force: true })).body as TChange).id);
    expect(stale.state).toBe('failed');
    expect(stale.error!.reason).toBe('Conflict');
    expect(stale.error!.message).toMatch(/changed after the preview/);
    const over = await editor.settled(((await editor.submit({ change, baseResourceVersion: preview.baseResourceVersion, force: true, overwriteNewer: true })).body as TChange).id);
    expect(over.state, JSON.stringify(over.error)).toBe('applied');
  });

  it('applies changes to one object in submission order', async () => {
    const ids: string[] = [];
    for (const port of [9001, 9002, 9003, 9004, 9005]) {
      const res = await editor.submit({ change: { type: 'service', namespace: 'default', name: 'ordered', selector: { app: 'my-app' }, ports: [{ port }] } });
      ids.push((res.body as TChange).id);
    }
    const done = await Promise.all(ids.map((id) => editor.settled(id)));
    expect(done.map((c) => c.state)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const started = done.map((c) => c.finishedAt!);
    expect([...started].sort()).toEqual(started);
    expect((liveService('ordered')!.spec.ports as { port: number }[])[0].port).toBe(9005);
  });
});

describe('cancel, revert, approval', () => {
  it('accepts a submit with no worker running; a pending change can be cancelled and is never applied', async () => {
    await worker.stop();
    try {
      const res = await editor.submit({ change: { type: 'service', namespace: 'default', name: 'never', selector: { app: 'my-app' }, ports: [{ port: 80 }] } });
      expect(res.status).toBe(202);
      const id = (res.body as TChange).id;
      expect((res.body as TChange).state).toBe('pending');
      const cancelled = await editor.action(id, 'cancel');
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect((cancelled.body as TChange).state).toBe('cancelled');
      expect((await editor.action(id, 'cancel')).status).toBe(409);
    } finally {
      await worker.restart();
    }
    const probe = await editor.previewAndSubmit({ type: 'service', namespace: 'default', name: 'after-restart', selector: { app: 'my-app' }, ports: [{ port: 80 }] });
    expect((await editor.settled(probe.change.id)).state).toBe('applied');
    expect(liveService('never')).toBeUndefined();
  });

  it('reverts an edit (the object as it was) and a creation (deleted)', async () => {
    const { change: created } = await editor.previewAndSubmit({ type: 'service', namespace: 'default', name: 'revertible', selector: { app: 'my-app' }, ports: [{ port: 80 }] });
    expect((await editor.settled(created.id)).state).toBe('applied');
    const { change: edited } = await editor.previewAndSubmit({
      type: 'service',
      namespace: 'default',
      name: 'revertible',
      selector: { app: 'my-app' },
      ports: [{ port: 81 }],
      sessionAffinity: 'ClientIP',
    });
    expect((await editor.settled(edited.id)).state).toBe('applied');
    expect(liveService('revertible')!.spec.sessionAffinity).toBe('ClientIP');

    const revertEdit = await editor.action(edited.id, 'revert', {});
    expect(revertEdit.status, JSON.stringify(revertEdit.body)).toBe(202);
    const undone = await editor.settled((revertEdit.body as TChange).id);
    expect(undone.state, JSON.stringify(undone.error)).toBe('applied');
    expect(undone.revertOfId).toBe(edited.id);
    expect((liveService('revertible')!.spec.ports as { port: number }[])[0].port).toBe(80);
    expect(liveService('revertible')!.spec.sessionAffinity).toBe('None');

    const revertCreate = await editor.action(created.id, 'revert', { overwriteNewer: true });
    const gone = await editor.settled((revertCreate.body as TChange).id);
    expect(gone.state, JSON.stringify(gone.error)).toBe('applied');
    expect(gone.operation).toBe('delete');
    expect(liveService('revertible')).toBeUndefined();
  });

  it('holds changes for approval by an admin other than the author', async () => {
    const on = await t.http().patch(`/api/v1/clusters/${clusterId}`).set('Authorization', `Bearer ${adminToken}`).send({ requireApproval: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    try {
      const { change } = await admin.previewAndSubmit({ type: 'service', namespace: 'default', name: 'approved', selector: { app: 'my-app' }, ports: [{ port: 80 }] });
      expect(change.state).toBe('awaiting_approval');
      expect((await editor.action(change.id, 'approve', {})).status).toBe(403);
      expect((await admin.action(change.id, 'approve', {})).status).toBe(403);
      const approved = await secondAdmin.action(change.id, 'approve', { reason: 'looks right' });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect((approved.body as TChange).decision?.reason).toBe('looks right');
      expect((await editor.settled(change.id)).state).toBe('applied');

      const { change: second } = await editor.previewAndSubmit({ type: 'service', namespace: 'default', name: 'rejected', selector: { app: 'my-app' }, ports: [{ port: 80 }] });
      const rejected = await admin.action(second.id, 'reject', { reason: 'not in the freeze' });
      expect((rejected.body as TChange).state).toBe('rejected');
      expect(liveService('rejected')).toBeUndefined();
    } finally {
      await t.http().patch(`/api/v1/clusters/${clusterId}`).set('Authorization', `Bearer ${adminToken}`).send({ requireApproval: false });
    }
  });
});

async function waitFor(fn: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
