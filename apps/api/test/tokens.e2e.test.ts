import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedOrganization>>;
beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedOrganization(t.db, 'tokens');
});
afterAll(() => t.close());

describe('API tokens', () => {
  it('shows the secret once, stores only a hash, and authenticates with Bearer', async () => {
    const b = await signIn(t, seeded.users.editor.email);
    const { token, secret } = await createToken(b, 'editor', 'ci pipeline');
    expect(secret).toMatch(/^ptk_[A-Za-z0-9_-]{40,}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await b.agent.get('/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(token.id);
    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${secret}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ authMethod: 'token', user: { email: seeded.users.editor.email } });
    expect(me.body.csrfToken).toBeUndefined();
  });

  it('refuses a role higher than the creator’s', async () => {
    const b = await signIn(t, seeded.users.viewer.email);
    const res = await b.agent.post('/api/v1/tokens').set('X-CSRF-Token', b.csrf).send({ name: 'too much', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params).toEqual([expect.objectContaining({ name: 'role' })]);
  });

  it('stops working once revoked', async () => {
    const b = await signIn(t, seeded.users.editor.email);
    const { token, secret } = await createToken(b, 'viewer');
    expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${secret}`)).status).toBe(200);
    expect((await b.agent.delete(`/api/v1/tokens/${token.id}`).set('X-CSRF-Token', b.csrf)).status).toBe(204);
    const res = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${secret}`);
    expect(res.status).toBe(401);
    const listed = (await b.agent.get('/api/v1/tokens')).body.items.find((i: { id: string }) => i.id === token.id);
    expect(listed.revokedAt).not.toBeNull();
  });

  it('stops working after its expiry', async () => {
    const b = await signIn(t, seeded.users.editor.email);
    const res = await b.agent
      .post('/api/v1/tokens')
      .set('X-CSRF-Token', b.csrf)
      .send({ name: 'short', role: 'viewer', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(res.status).toBe(201);
    await t.db.apiToken.update({ where: { id: res.body.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${res.body.secret}`)).status).toBe(401);
  });

  it('refuses an expiry in the past', async () => {
    const b = await signIn(t, seeded.users.editor.email);
    const res = await b.agent.post('/api/v1/tokens').set('X-CSRF-Token', b.csrf).send({ name: 'past', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params[0].name).toBe('expiresAt');
  });

  describe('minting by an API token (automation)', () => {
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const mint = (secret: string, body: object) => t.http().post('/api/v1/tokens').set('Authorization', `Bearer ${secret}`).send(body);

    it('an admin token mints a narrower, expiring token that works, audited with the minting token named', async () => {
      const admin = await signIn(t, seeded.users.admin.email);
      const parent = await createToken(admin, 'admin', 'automation root');
      const res = await mint(parent.secret, { name: 'ci child', role: 'viewer', expiresAt: inHours(2) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.token).toMatchObject({ role: 'viewer', createdBy: { email: seeded.users.admin.email } });
      const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${res.body.secret}`);
      expect(me.body).toMatchObject({ authMethod: 'token', organization: { role: 'viewer' } });
      const events = (await admin.agent.get('/api/v1/audit-events?action=token.created&limit=200')).body.items;
      const event = events.find((e: { targetId: string }) => e.targetId === res.body.token.id);
      expect(event).toMatchObject({ actor: { tokenId: parent.token.id }, details: { name: 'ci child', role: 'viewer', mintedByToken: { id: parent.token.id, name: 'automation root' } } });
    });

    it('requires an expiry, no later than the minting token’s own', async () => {
      const admin = await signIn(t, seeded.users.admin.email);
      const forever = await createToken(admin, 'admin', 'no expiry');
      const noExpiry = await mint(forever.secret, { name: 'child', role: 'viewer' });
      expect(noExpiry.status).toBe(400);
      expect(noExpiry.body.invalid_params).toEqual([expect.objectContaining({ name: 'expiresAt' })]);

      const created = await admin.agent
        .post('/api/v1/tokens')
        .set('X-CSRF-Token', admin.csrf)
        .send({ name: 'short parent', role: 'admin', expiresAt: inHours(1) });
      const later = await mint(created.body.secret, { name: 'child', role: 'viewer', expiresAt: inHours(3) });
      expect(later.status).toBe(400);
      expect(later.body.invalid_params).toEqual([expect.objectContaining({ name: 'expiresAt', reason: expect.stringContaining('minting token') })]);
      expect((await mint(created.body.secret, { name: 'child', role: 'editor', expiresAt: inHours(0.5) })).status).toBe(201);
    });

    it('refuses viewer and editor tokens, also an admin’s token capped by its creator’s current role', async () => {
      const admin = await signIn(t, seeded.users.admin.email);
      for (const role of ['viewer', 'editor'] as const) {
        const { secret } = await createToken(admin, role, `${role} minter`);
        const res = await mint(secret, { name: 'child', role: 'viewer', expiresAt: inHours(1) });
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      // An admin's token capped by the member's current role (editor) mints nothing either.
      const { users } = await seedOrganization(t.db, 'tokmint');
      const orgAdmin = await signIn(t, users.admin.email);
      const editor = await signIn(t, users.editor.email);
      const { secret } = await createToken(editor, 'editor', 'editor minter');
      expect((await mint(secret, { name: 'child', role: 'viewer', expiresAt: inHours(1) })).status).toBe(403);
      await orgAdmin.agent.patch(`/api/v1/members/${users.editor.id}`).set('X-CSRF-Token', orgAdmin.csrf).send({ role: 'admin' });
      const adminToken = await createToken(editor, 'admin', 'now admin');
      await orgAdmin.agent.patch(`/api/v1/members/${users.editor.id}`).set('X-CSRF-Token', orgAdmin.csrf).send({ role: 'editor' });
      expect((await mint(adminToken.secret, { name: 'child', role: 'viewer', expiresAt: inHours(1) })).status).toBe(403);
    });
  });

  it('is capped by its creator’s current role, and dies with their membership', async () => {
    const { users } = await seedOrganization(t.db, 'tokcap');
    const admin = await signIn(t, users.admin.email);
    const editor = await signIn(t, users.editor.email);
    const { secret } = await createToken(editor, 'editor');
    await admin.agent.patch(`/api/v1/members/${users.editor.id}`).set('X-CSRF-Token', admin.csrf).send({ role: 'viewer' });
    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${secret}`);
    expect(me.body.organization.role).toBe('viewer');
    await admin.agent.patch(`/api/v1/members/${users.editor.id}`).set('X-CSRF-Token', admin.csrf).send({ disabled: true });
    expect((await t.http().get('/api/v1/me').set('Authorization', `Bearer ${secret}`)).status).toBe(401);
  });

  it('lets a non-admin see and revoke only their own tokens; admins see all', async () => {
    const admin = await signIn(t, seeded.users.admin.email);
    const viewer = await signIn(t, seeded.users.viewer.email);
    const adminToken = await createToken(admin, 'viewer', 'admin-owned');
    const viewerToken = await createToken(viewer, 'viewer', 'viewer-owned');
    const viewerList = (await viewer.agent.get('/api/v1/tokens')).body.items.map((i: { id: string }) => i.id);
    expect(viewerList).toContain(viewerToken.token.id);
    expect(viewerList).not.toContain(adminToken.token.id);
    expect((await viewer.agent.delete(`/api/v1/tokens/${adminToken.token.id}`).set('X-CSRF-Token', viewer.csrf)).status).toBe(404);
    const adminList = (await admin.agent.get('/api/v1/tokens')).body.items.map((i: { id: string }) => i.id);
    expect(adminList).toEqual(expect.arrayContaining([viewerToken.token.id, adminToken.token.id]));
  });

  it('records creation and revocation in the audit trail', async () => {
    const admin = await signIn(t, seeded.users.admin.email);
    const { token } = await createToken(admin, 'viewer', 'audited');
    await admin.agent.delete(`/api/v1/tokens/${token.id}`).set('X-CSRF-Token', admin.csrf);
    const events = (await admin.agent.get('/api/v1/audit-events?limit=200')).body.items.filter((e: { targetId: string }) => e.targetId === token.id);
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual(['token.created', 'token.revoked']);
  });

  it('paginates with an opaque cursor', async () => {
    const b = await signIn(t, seeded.users.admin.email);
    for (let i = 0; i < 3; i++) await createToken(b, 'viewer', `page-${i}`);
    const first = await b.agent.get('/api/v1/tokens?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await b.agent.get(`/api/v1/tokens?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
  });
});
