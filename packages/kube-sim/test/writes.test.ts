/** Patches, server-side apply, subresources, collections and cascading deletes over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { openWatch, request, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course' });
});
afterAll(async () => {
  await sim?.close();
});

const DEP = '/apis/apps/v1/namespaces/demo/deployments';

describe('patch types', () => {
  it('strategic merge merges containers by name; merge patch replaces the list', async () => {
    const smp = await request(sim, 'PATCH', `${DEP}/kuard`, {
      body: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'envoy' }] } } } },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(smp.status).toBe(200);
    expect(smp.body.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['kuard', 'sidecar']);
    expect(smp.body.metadata.generation).toBe(2);
    const mp = await request(sim, 'PATCH', `${DEP}/kuard`, {
      body: { spec: { template: { spec: { containers: [{ name: 'only', image: 'nginx' }] } } } },
      contentType: 'application/merge-patch+json',
    });
    expect(mp.body.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['only']);
    const jp = await request(sim, 'PATCH', `${DEP}/kuard`, { body: [{ op: 'replace', path: '/spec/replicas', value: 2 }], contentType: 'application/json-patch+json' });
    expect(jp.body.spec.replicas).toBe(2);
    const badJp = await request(sim, 'PATCH', `${DEP}/kuard`, { body: [{ op: 'remove', path: '/spec/nope' }], contentType: 'application/json-patch+json' });
    expect(badJp.status).toBe(422); // what kube-apiserver 1.36 answers (differential test)
    const badType = await request(sim, 'PATCH', `${DEP}/kuard`, { body: {}, contentType: 'text/plain' });
    expect(badType.status).toBe(415);
  });

  it('server-side apply needs a fieldManager, creates when missing, supports dryRun, records managedFields', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa-cm', namespace: 'demo' }, data: { a: '1' } };
    const noMgr = await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/ssa-cm', { body: cm, contentType: 'application/apply-patch+yaml' });
    expect(noMgr.status).toBe(400);
    expect(noMgr.body.message).toContain('fieldManager: Required value');
    const dry = await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/ssa-cm?fieldManager=t&dryRun=All', { body: cm, contentType: 'application/apply-patch+yaml' });
    expect(dry.status).toBe(201);
    expect((await request(sim, 'GET', '/api/v1/namespaces/demo/configmaps/ssa-cm')).status).toBe(404);
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-cm\n  namespace: demo\ndata:\n  a: "1"\n';
    const created = await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/ssa-cm?fieldManager=t', { body: yaml, contentType: 'application/apply-patch+yaml' });
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields).toEqual([expect.objectContaining({ manager: 't', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } })]);
    // An Update by someone else takes ownership of what it changed; applying a different value then conflicts.
    await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/ssa-cm?fieldManager=editor', { body: { data: { a: '2' } }, contentType: 'application/merge-patch+json' });
    const conflict = await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/ssa-cm?fieldManager=t', { body: yaml, contentType: 'application/apply-patch+yaml' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe('Apply failed with 1 conflict: conflict with "editor" using v1: .data.a');
    expect(conflict.body.details.causes[0]).toMatchObject({ reason: 'FieldManagerConflict', field: '.data.a' });
    const forced = await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/ssa-cm?fieldManager=t&force=true', { body: yaml, contentType: 'application/apply-patch+yaml' });
    expect(forced.status).toBe(200);
    expect(forced.body.data.a).toBe('1');
  });
});

describe('subresources and collections', () => {
  it('status subresource changes only status; main resource ignores status', async () => {
    const cur = (await request(sim, 'GET', '/api/v1/namespaces/demo/services/service1')).body;
    const viaMain = await request(sim, 'PUT', '/api/v1/namespaces/demo/services/service1', { body: { ...cur, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } } });
    expect(viaMain.body.status).toEqual({ loadBalancer: {} });
    const viaStatus = await request(sim, 'PATCH', '/api/v1/namespaces/demo/services/service1/status', {
      body: { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }, spec: { type: 'NodePort' } },
      contentType: 'application/merge-patch+json',
    });
    expect(viaStatus.body.status.loadBalancer.ingress[0].ip).toBe('1.2.3.4');
    expect(viaStatus.body.spec.type).toBe('ClusterIP');
  });

  it('deletecollection with a label selector', async () => {
    for (const n of ['dc-1', 'dc-2', 'dc-3']) await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: n, labels: { batch: n === 'dc-3' ? 'keep' : 'drop' } } } });
    const r = await request(sim, 'DELETE', '/api/v1/namespaces/demo/configmaps?labelSelector=batch%3Ddrop');
    expect(r.status).toBe(200);
    expect((r.body.items as unknown[]).length).toBe(2);
    const left = await request(sim, 'GET', '/api/v1/namespaces/demo/configmaps?labelSelector=batch');
    expect((left.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['dc-3']);
  });

  it('deleting a namespace deletes its objects', async () => {
    await request(sim, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'doomed' } } });
    await request(sim, 'POST', '/api/v1/namespaces/doomed/services', { body: { metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } } });
    const w = openWatch(sim, '/api/v1/namespaces/doomed/services?watch=true&timeoutSeconds=30');
    await waitFor(() => w.events.length === 1, 'initial ADDED');
    expect((await request(sim, 'DELETE', '/api/v1/namespaces/doomed')).status).toBe(200);
    await waitFor(() => w.events.some((e) => e.type === 'DELETED'), 'DELETED event');
    expect((await request(sim, 'GET', '/api/v1/namespaces/doomed/services/s')).status).toBe(404);
    w.close();
  });

  it('watch honours timeoutSeconds', async () => {
    const w = openWatch(sim, '/api/v1/namespaces/demo/configmaps?watch=true&timeoutSeconds=1');
    await waitFor(() => w.ended, 'watch timeout', 10_000);
    expect(w.status).toBe(200);
  });
});

describe('stored objects are immutable', () => {
  it('a merge patch that changes the Service type does not alter the previous revision seen by watchers', async () => {
    const created = await request(sim, 'POST', '/api/v1/namespaces/demo/services', { body: { metadata: { name: 'imm' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } } });
    const np = created.body.spec.ports[0].nodePort as number;
    const rv = created.body.metadata.resourceVersion as string;
    await request(sim, 'PATCH', '/api/v1/namespaces/demo/services/imm', { body: { spec: { type: 'ClusterIP' } }, contentType: 'application/merge-patch+json' });
    const w = openWatch(sim, `/api/v1/namespaces/demo/services?watch=true&resourceVersion=${Number(rv) - 1}&fieldSelector=metadata.name%3Dimm`);
    await waitFor(() => w.events.length >= 2, 'replayed events');
    expect(w.events[0].object.spec.ports[0].nodePort).toBe(np);
    expect(w.events[1].object.spec.ports[0].nodePort).toBeUndefined();
    w.close();
  });
});
