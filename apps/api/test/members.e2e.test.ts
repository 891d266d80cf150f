import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('member management (admin)', () => {
  it('creates a new account with a generated password shown once, which works', async () => {
    const { users } = await seedOrganization(t.db, 'members');
    const admin = await signIn(t, users.admin.email);
    const email = `new-${Date.now()}@members.test`;
    const res = await admin.agent.post('/api/v1/members').set('X-CSRF-Token', admin.csrf).send({ email, name: 'New Person', role: 'editor' });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({ email, role: 'editor', disabled: false });
    expect(res.body.initialPassword).toEqual(expect.any(String));
    const login = await t.http().post('/api/v1/auth/login').send({ email, password: res.body.initialPassword });
    expect(login.status).toBe(200);
    expect(login.body.organization.role).toBe('editor');
  });

  it('adds an existing user of another organization without touching their password', async () => {
    const a = await seedOrganization(t.db, 'home');
    const b = await seedOrganization(t.db, 'guest');
    const admin = await signIn(t, b.users.admin.email);
    const res = await admin.agent.post('/api/v1/members').set('X-CSRF-Token', admin.csrf).send({ email: a.users.viewer.email, name: 'ignored', role: 'viewer' });
    expect(res.status).toBe(201);
    expect(res.body.initialPassword).toBeNull();
    const me = await signIn(t, a.users.viewer.email, PASSWORD);
    expect(me.me.organizations.map((o) => o.id).sort()).toEqual([a.organization.id, b.organization.id].sort());
    const again = await admin.agent.post('/api/v1/members').set('X-CSRF-Token', admin.csrf).send({ email: a.users.viewer.email, name: 'x', role: 'viewer' });
    expect(again.status).toBe(409);
  });

  it('keeps at least one active admin', async () => {
    const { users } = await seedOrganization(t.db, 'lastadmin');
    const admin = await signIn(t, users.admin.email);
    for (const body of [{ role: 'viewer' }, { disabled: true }]) {
      const res = await admin.agent.patch(`/api/v1/members/${users.admin.id}`).set('X-CSRF-Token', admin.csrf).send(body);
      expect(res.status).toBe(409);
    }
  });

  it('switches the session between organizations the user belongs to', async () => {
    const a = await seedOrganization(t.db, 'switch-a');
    const b = await seedOrganization(t.db, 'switch-b');
    const adminB = await signIn(t, b.users.admin.email);
    await adminB.agent.post('/api/v1/members').set('X-CSRF-Token', adminB.csrf).send({ email: a.users.editor.email, name: 'x', role: 'admin' });
    const user = await signIn(t, a.users.editor.email);
    expect(user.me.organization.id).toBe(a.organization.id);
    const res = await user.agent.put('/api/v1/me/organization').set('X-CSRF-Token', user.csrf).send({ organizationId: b.organization.id });
    expect(res.status).toBe(200);
    expect(res.body.organization).toMatchObject({ id: b.organization.id, role: 'admin' });
    expect((await user.agent.get('/api/v1/members')).status).toBe(200); // admin in B
  });

  it('lets any user create an organization and become its admin', async () => {
    const { users } = await seedOrganization(t.db, 'creator');
    const viewer = await signIn(t, users.viewer.email);
    const res = await viewer.agent.post('/api/v1/organizations').set('X-CSRF-Token', viewer.csrf).send({ name: 'Side Project' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Side Project', role: 'admin' });
    expect(res.body.slug).toMatch(/^side-project/);
  });
});
