import { randomUUID } from 'node:crypto';
import { routeList } from '@portico/contracts';
import { createChange, createCluster } from '@portico/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/** A member of organization A can neither see nor change anything of organization B. */
let t: TestApp;
let a: Awaited<ReturnType<typeof seedOrganization>>;
let b: Awaited<ReturnType<typeof seedOrganization>>;
let bTokenId: string;
let bClusterId: string;
let bObjectId: string;
let bInvitation: { id: string; token: string };
let bChangeId: string;
let bCertificateId: string;
let bOutboxId: string;
const B_SERVICE = { type: 'service', namespace: 'b', name: 'b-secret-service', ports: [{ port: 80 }] };
const B_MIGRATION = { source: { namespace: 'b', ingress: 'b-secret-ingress' }, gateway: { mode: 'existing', namespace: 'b', name: 'b-gateway' } };
const B_HOST = 'b-secret.tenant-b.test';
beforeAll(async () => {
  t = await startTestApp();
  a = await seedOrganization(t.db, 'tenant-a');
  b = await seedOrganization(t.db, 'tenant-b');
  const bAdmin = await signIn(t, b.users.admin.email);
  bTokenId = (await createToken(bAdmin, 'viewer', 'b-secret-token')).token.id;
  // Addressed to A's admin: even the invitee's own organization's admin cannot use it from A's side without the link.
  const invited = await bAdmin.agent
    .post('/api/v1/members')
    .set('X-CSRF-Token', bAdmin.csrf)
    .send({ email: `b-invitee-${Date.now()}@tenant-b.test`, role: 'admin' });
  bInvitation = { id: invited.body.invitation.id, token: new URL(invited.body.inviteUrl).hash.slice(1) };
  bClusterId = (await createCluster(t.db, b.organization.id, { name: 'b-cluster', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false })).id;
  bObjectId = (
    await t.db.kubeObject.create({
      data: {
        organizationId: b.organization.id,
        clusterId: bClusterId,
        resource: 'services',
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'b',
        name: 'b-secret-service',
        uid: 'u',
        resourceVersion: '1',
        body: {},
      },
    })
  ).id;
  // B's Ingress serving B_HOST: the host view must not show it to A.
  await t.db.kubeObject.create({
    data: {
      organizationId: b.organization.id,
      clusterId: bClusterId,
      resource: 'ingresses',
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: 'b',
      name: 'b-secret-ingress',
      uid: 'u2',
      resourceVersion: '1',
      hosts: [B_HOST],
      body: { spec: { rules: [{ host: B_HOST, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'b-secret-service', port: { number: 80 } } } }] } }] } },
    },
  });
  bChangeId = (
    await createChange(t.db, b.organization.id, {
      id: randomUUID(),
      clusterId: bClusterId,
      authorUserId: b.users.editor.id,
      authorTokenId: null,
      type: 'service',
      operation: 'apply',
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'b',
      name: 'b-secret-service',
      request: { type: 'service', namespace: 'b', name: 'b-secret-service', ports: [{ port: 80 }] },
      manifest: null,
      baseResourceVersion: null,
      overwriteNewer: false,
      force: false,
      reason: null,
      state: 'awaiting_approval',
      idempotencyKey: null,
      requestHash: null,
      revertOfId: null,
    })
  ).id;
  bCertificateId = (await t.db.trackedCertificate.create({ data: { organizationId: b.organization.id, clusterId: bClusterId, namespace: 'b', secretName: 'b-tls', source: 'secret' } })).id;
  bOutboxId = (await t.db.outboxMessage.create({ data: { organizationId: b.organization.id, kind: 'test', to: ['b@tenant-b.test'], subject: 'b', text: 'b', html: 'b' } })).id;
});
afterAll(() => t.close());

describe('cross-organization isolation', () => {
  // Every route that addresses one object by id, with the id of B's object of that kind.
  const objectOfB: Record<string, () => { path: string; body?: object; sees?: 'nothing' }> = {
    revokeToken: () => ({ path: `/api/v1/tokens/${bTokenId}` }),
    updateMember: () => ({ path: `/api/v1/members/${b.users.editor.id}`, body: { role: 'admin' } }),
    getCluster: () => ({ path: `/api/v1/clusters/${bClusterId}` }),
    updateCluster: () => ({ path: `/api/v1/clusters/${bClusterId}`, body: { enabled: true } }),
    deleteCluster: () => ({ path: `/api/v1/clusters/${bClusterId}` }),
    getObject: () => ({ path: `/api/v1/inventory/objects/${bObjectId}` }),
    revokeInvitation: () => ({ path: `/api/v1/invitations/${bInvitation.id}` }),
    acceptMyInvitation: () => ({ path: `/api/v1/me/invitations/${bInvitation.id}/accept`, body: { token: bInvitation.token } }),
    declineMyInvitation: () => ({ path: `/api/v1/me/invitations/${bInvitation.id}/decline` }),
    previewChange: () => ({ path: `/api/v1/clusters/${bClusterId}/changes/preview`, body: { change: B_SERVICE } }),
    submitChange: () => ({ path: `/api/v1/clusters/${bClusterId}/changes`, body: { change: B_SERVICE } }),
    getChange: () => ({ path: `/api/v1/changes/${bChangeId}` }),
    cancelChange: () => ({ path: `/api/v1/changes/${bChangeId}/cancel` }),
    revertChange: () => ({ path: `/api/v1/changes/${bChangeId}/revert`, body: {} }),
    approveChange: () => ({ path: `/api/v1/changes/${bChangeId}/approve`, body: {} }),
    rejectChange: () => ({ path: `/api/v1/changes/${bChangeId}/reject`, body: {} }),
    getOutboxMessage: () => ({ path: `/api/v1/outbox/${bOutboxId}` }),
    getCertificate: () => ({ path: `/api/v1/certificates/${bCertificateId}` }),
    snoozeCertificate: () => ({ path: `/api/v1/certificates/${bCertificateId}/snooze`, body: { until: new Date(Date.now() + 86_400_000).toISOString(), reason: 'not mine' } }),
    unsnoozeCertificate: () => ({ path: `/api/v1/certificates/${bCertificateId}/snooze` }),
    listCertificateAlerts: () => ({ path: `/api/v1/certificates/${bCertificateId}/alerts` }),
    previewMigration: () => ({ path: `/api/v1/clusters/${bClusterId}/migrations/preview`, body: B_MIGRATION }),
    submitMigration: () => ({ path: `/api/v1/clusters/${bClusterId}/migrations`, body: { ...B_MIGRATION, baseResourceVersions: {} } }),
    getIngressOptions: () => ({ path: `/api/v1/clusters/${bClusterId}/ingress-options?namespace=b` }),
    getChangeCertificates: () => ({ path: `/api/v1/changes/${bChangeId}/certificates` }),
    // Keyed by a host name, not an id: A asking for B's host finds nothing it may see (200, nothing of B's).
    getHost: () => ({ path: `/api/v1/hosts/${B_HOST}`, sees: 'nothing' }),
  };

  it('knows an object of B for every route with an id', () => {
    expect(
      routeList
        .filter((r) => r.params)
        .map((r) => r.id)
        .sort(),
    ).toEqual(Object.keys(objectOfB).sort());
  });

  for (const route of routeList.filter((r) => r.params)) {
    // Session-only routes refuse tokens before looking anything up (the RBAC matrix checks that 403).
    for (const method of route.auth === 'session' ? (['session'] as const) : (['session', 'token'] as const)) {
      it(`${route.method} ${route.path} on B's object as A's admin (${method}) → 404, B unchanged`, async () => {
        const admin = await signIn(t, a.users.admin.email);
        const call = objectOfB[route.id]();
        const verb = route.method.toLowerCase() as 'get' | 'delete' | 'patch' | 'post';
        let req;
        if (method === 'session') req = admin.agent[verb](call.path).set('X-CSRF-Token', admin.csrf);
        else {
          const http = t.http();
          req = http[verb](call.path).set('Authorization', `Bearer ${(await createToken(admin, 'admin')).secret}`);
        }
        const res = call.body ? await req.send(call.body) : await req;
        if (call.sees === 'nothing') {
          expect(res.status).toBe(200);
          expect(res.body.routes).toEqual([]);
          expect(JSON.stringify(res.body)).not.toContain('b-secret-ingress');
          expect(JSON.stringify(res.body)).not.toContain(bClusterId);
          return;
        }
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('not_found');
      });
    }
  }

  it('leaves B untouched after those attempts', async () => {
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: bTokenId } })).revokedAt).toBeNull();
    expect((await t.db.cluster.findUniqueOrThrow({ where: { id: bClusterId } })).enabled).toBe(false);
    expect(await t.db.kubeObject.count({ where: { id: bObjectId } })).toBe(1);
    expect((await t.db.change.findUniqueOrThrow({ where: { id: bChangeId } })).state).toBe('awaiting_approval');
    expect(await t.db.change.count({ where: { clusterId: bClusterId } })).toBe(1);
    expect(await t.db.certificateSnooze.count({ where: { organizationId: b.organization.id } })).toBe(0);
    const member = await t.db.membership.findFirstOrThrow({ where: { organizationId: b.organization.id, userId: b.users.editor.id } });
    expect(member.role).toBe('editor');
    const invitation = await t.db.invitation.findUniqueOrThrow({ where: { id: bInvitation.id } });
    expect([invitation.acceptedAt, invitation.declinedAt, invitation.revokedAt]).toEqual([null, null, null]);
  });

  it('cannot switch into B', async () => {
    const admin = await signIn(t, a.users.admin.email);
    const res = await admin.agent.put('/api/v1/me/organization').set('X-CSRF-Token', admin.csrf).send({ organizationId: b.organization.id });
    expect(res.status).toBe(404);
  });

  it('lists only A’s tokens, members, audit events, clusters and objects', async () => {
    const admin = await signIn(t, a.users.admin.email);
    const body = JSON.stringify([
      (await admin.agent.get('/api/v1/tokens?limit=200')).body,
      (await admin.agent.get('/api/v1/members?limit=200')).body,
      (await admin.agent.get('/api/v1/invitations?limit=200')).body,
      (await admin.agent.get('/api/v1/audit-events?limit=200')).body,
      (await admin.agent.get('/api/v1/clusters')).body,
      (await admin.agent.get('/api/v1/inventory/services?limit=200')).body,
      (await admin.agent.get(`/api/v1/inventory/services?cluster=${bClusterId}`)).body,
    ]);
    for (const id of [bTokenId, b.users.admin.id, b.users.editor.id, b.users.viewer.id, b.organization.id, bClusterId, bObjectId, bInvitation.id]) expect(body).not.toContain(id);
    expect(body).not.toContain('b-secret-service');
    expect(body).not.toContain('b-secret-token');
  });
});
