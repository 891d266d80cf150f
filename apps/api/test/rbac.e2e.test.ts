import { DEFAULT_NOTIFICATION_POLICY, type RouteContract, type TRole, roleAtLeast, routeList } from '@portico/contracts';
import { createCluster } from '@portico/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, PASSWORD, type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/**
 * The RBAC matrix: every protected route of the catalogue × every role × (session, token).
 * A role below the route's minimum gets 403; at or above it, the call succeeds with the
 * route's documented status (or the status its entry names, e.g. 404 for an id that does not
 * exist) — a 500 is a failure, not "allowed". A new route without an entry in `requestFor`
 * fails this test.
 */
let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedOrganization>>;
let clusterId: string;
beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedOrganization(t.db, 'rbac');
  clusterId = (await createCluster(t.db, seeded.organization.id, { name: 'rbac', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false })).id;
});
afterAll(() => t.close());

const RBAC_SERVICE = { type: 'service', namespace: 'default', name: 'rbac', ports: [{ port: 80 }] };
const NO_CHANGE = '00000000-0000-4000-8000-000000000000';

/** `expect`: the status an authorised caller gets, when it is not the route's documented one. */
type Call = { path: string; body?: unknown; expect?: number };
const RBAC_MIGRATION = { source: { namespace: 'default', ingress: 'web' }, gateway: { mode: 'existing', namespace: 'default', name: 'web' } };
const requestFor: Record<string, (ctx: { role: TRole; ownTokenId: string }) => Call> = {
  logout: () => ({ path: '/api/v1/auth/logout' }),
  me: () => ({ path: '/api/v1/me' }),
  switchOrganization: () => ({ path: '/api/v1/me/organization', body: { organizationId: seeded.organization.id } }),
  createOrganization: ({ role }) => ({ path: '/api/v1/organizations', body: { name: `rbac ${role} org` } }),
  listTokens: () => ({ path: '/api/v1/tokens' }),
  // An expiry: a token minting a token must give one.
  createToken: () => ({ path: '/api/v1/tokens', body: { name: 'rbac', role: 'viewer', expiresAt: new Date(Date.now() + 3600_000).toISOString() } }),
  revokeToken: ({ ownTokenId }) => ({ path: `/api/v1/tokens/${ownTokenId}` }),
  listMembers: () => ({ path: '/api/v1/members' }),
  createMember: ({ role }) => ({ path: '/api/v1/members', body: { email: `rbac-${role}-${Math.random().toString(36).slice(2)}@rbac.test`, role: 'viewer' } }),
  listInvitations: () => ({ path: '/api/v1/invitations' }),
  revokeInvitation: () => ({ path: '/api/v1/invitations/00000000-0000-4000-8000-000000000000', expect: 404 }),
  listMyInvitations: () => ({ path: '/api/v1/me/invitations' }),
  acceptMyInvitation: () => ({ path: '/api/v1/me/invitations/00000000-0000-4000-8000-000000000000/accept', body: { token: `inv_${'A'.repeat(43)}` }, expect: 404 }),
  declineMyInvitation: () => ({ path: '/api/v1/me/invitations/00000000-0000-4000-8000-000000000000/decline', expect: 404 }),
  // Authorised callers reach validation (the seeded password must survive the matrix).
  changePassword: () => ({ path: '/api/v1/me/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD }, expect: 400 }),
  updateMember: () => ({ path: `/api/v1/members/${seeded.users.viewer.id}`, body: { role: 'viewer' } }),
  listAuditEvents: () => ({ path: '/api/v1/audit-events' }),
  listClusters: () => ({ path: '/api/v1/clusters' }),
  getCluster: () => ({ path: `/api/v1/clusters/${clusterId}` }),
  registerCluster: ({ role }) => ({
    path: '/api/v1/clusters',
    body: { name: `rbac-${role}-${Math.random().toString(36).slice(2, 8)}`, server: 'https://127.0.0.1:1', token: 'x', skipConnectionCheck: true },
  }),
  updateCluster: () => ({ path: `/api/v1/clusters/${clusterId}`, body: { enabled: true } }),
  deleteCluster: () => ({ path: '/api/v1/clusters/00000000-0000-4000-8000-000000000000', expect: 404 }),
  listServices: () => ({ path: '/api/v1/inventory/services' }),
  listIngresses: () => ({ path: '/api/v1/inventory/ingresses' }),
  listGatewayClasses: () => ({ path: '/api/v1/inventory/gatewayclasses' }),
  listReferenceGrants: () => ({ path: '/api/v1/inventory/referencegrants' }),
  listGateways: () => ({ path: '/api/v1/inventory/gateways' }),
  listHttpRoutes: () => ({ path: '/api/v1/inventory/httproutes' }),
  listNetworkPolicies: () => ({ path: '/api/v1/inventory/networkpolicies' }),
  listTlsSecrets: () => ({ path: '/api/v1/inventory/tls-secrets' }),
  listCertificates: () => ({ path: '/api/v1/certificates' }),
  getCertificate: () => ({ path: `/api/v1/certificates/${NO_CHANGE}`, expect: 404 }),
  getObject: () => ({ path: '/api/v1/inventory/objects/00000000-0000-4000-8000-000000000000', expect: 404 }),
  // The cluster's stored credentials are not real: authorised callers reach the cluster step, which says so.
  previewChange: () => ({ path: `/api/v1/clusters/${clusterId}/changes/preview`, body: { change: RBAC_SERVICE }, expect: 422 }),
  submitChange: () => ({ path: `/api/v1/clusters/${clusterId}/changes`, body: { change: RBAC_SERVICE } }),
  // A migration reads the cluster even to submit (it converts again): the unreal credentials answer 422 there too.
  previewMigration: () => ({ path: `/api/v1/clusters/${clusterId}/migrations/preview`, body: RBAC_MIGRATION, expect: 422 }),
  submitMigration: () => ({ path: `/api/v1/clusters/${clusterId}/migrations`, body: { ...RBAC_MIGRATION, baseResourceVersions: {} }, expect: 422 }),
  listChanges: () => ({ path: '/api/v1/changes' }),
  getChange: () => ({ path: `/api/v1/changes/${NO_CHANGE}`, expect: 404 }),
  getIngressOptions: () => ({ path: `/api/v1/clusters/${clusterId}/ingress-options?namespace=default` }),
  getChangeCertificates: () => ({ path: `/api/v1/changes/${NO_CHANGE}/certificates`, expect: 404 }),
  getHost: () => ({ path: '/api/v1/hosts/example.com' }),
  getOverview: () => ({ path: '/api/v1/overview' }),
  search: () => ({ path: '/api/v1/search?q=rbac' }),
  cancelChange: () => ({ path: `/api/v1/changes/${NO_CHANGE}/cancel`, expect: 404 }),
  revertChange: () => ({ path: `/api/v1/changes/${NO_CHANGE}/revert`, body: {}, expect: 404 }),
  approveChange: () => ({ path: `/api/v1/changes/${NO_CHANGE}/approve`, body: {}, expect: 404 }),
  rejectChange: () => ({ path: `/api/v1/changes/${NO_CHANGE}/reject`, body: {}, expect: 404 }),
  metrics: () => ({ path: '/api/metrics' }),
  getNotificationPolicy: () => ({ path: '/api/v1/organization/notifications' }),
  updateNotificationPolicy: () => ({ path: '/api/v1/organization/notifications', body: DEFAULT_NOTIFICATION_POLICY }),
  sendTestEmail: () => ({ path: '/api/v1/organization/notifications/test', body: {} }),
  listOutbox: () => ({ path: '/api/v1/outbox' }),
  getOutboxMessage: () => ({ path: `/api/v1/outbox/${NO_CHANGE}`, expect: 404 }),
  snoozeCertificate: () => ({ path: `/api/v1/certificates/${NO_CHANGE}/snooze`, body: { until: new Date(Date.now() + 86_400_000).toISOString(), reason: 'rbac' }, expect: 404 }),
  unsnoozeCertificate: () => ({ path: `/api/v1/certificates/${NO_CHANGE}/snooze`, expect: 404 }),
  listCertificateAlerts: () => ({ path: `/api/v1/certificates/${NO_CHANGE}/alerts`, expect: 404 }),
};

const protectedRoutes = routeList.filter((r) => r.auth !== 'public');

function send(b: Browser | null, route: RouteContract, call: Call, bearer?: string) {
  const base = b ? b.agent : t.http();
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = base[method](call.path);
  if (b) req = req.set('X-CSRF-Token', b.csrf);
  if (bearer) req = req.set('Authorization', `Bearer ${bearer}`);
  return call.body === undefined ? req : req.send(call.body as object);
}

describe('RBAC matrix', () => {
  it('covers every protected route', () => {
    expect(protectedRoutes.map((r) => r.id).filter((id) => !requestFor[id])).toEqual([]);
  });

  for (const route of protectedRoutes) {
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const allowed = roleAtLeast(role, route.minRole ?? 'viewer');
      it(`${route.method} ${route.path} as ${role} (session) → ${allowed ? 'allowed' : '403'}`, async () => {
        const b = await signIn(t, seeded.users[role].email);
        const { token } = await createToken(b, 'viewer', 'own');
        const call = requestFor[route.id]({ role, ownTokenId: token.id });
        const res = await send(b, route, call);
        expect(res.status, JSON.stringify(res.body)).toBe(allowed ? (call.expect ?? route.status) : 403);
      });

      const tokenAllowed = roleAtLeast(role, route.tokenMinRole ?? route.minRole ?? 'viewer');
      it(`${route.method} ${route.path} as ${role} (token) → ${route.auth === 'session' ? '403 session only' : tokenAllowed ? 'allowed' : '403'}`, async () => {
        const b = await signIn(t, seeded.users[role].email);
        const { token, secret } = await createToken(b, role, 'matrix');
        const call = requestFor[route.id]({ role, ownTokenId: token.id });
        const res = await send(null, route, call, secret);
        expect(res.status, JSON.stringify(res.body)).toBe(route.auth === 'session' || !tokenAllowed ? 403 : (call.expect ?? route.status));
      });
    }

    it(`${route.method} ${route.path} without credentials → 401`, async () => {
      const res = await send(null, route, requestFor[route.id]({ role: 'viewer', ownTokenId: '00000000-0000-4000-8000-000000000000' }));
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  }
});
