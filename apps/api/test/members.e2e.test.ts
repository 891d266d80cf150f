import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Browser, type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Invites `email` as `admin` and returns the link's secret (from the URL's fragment). */
async function invite(admin: Browser, email: string, role = 'viewer') {
  const res = await admin.agent.post('/api/v1/members').set('X-CSRF-Token', admin.csrf).send({ email, role });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = new URL(res.body.inviteUrl).hash.slice(1);
  return { id: res.body.invitation.id as string, token, body: res.body };
}

/** The shape of a JSON value: keys and value types, recursively (values themselves dropped). */
function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, shapeOf(v)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return typeof value;
}

describe('account takeover across organizations (issue 8, finding 1)', () => {
  it("an attacker's organization cannot set a password for someone else's e-mail and ride it into their organization", async () => {
    const attacker = await seedOrganization(t.db, 'attacker');
    const victim = await seedOrganization(t.db, 'victim');
    const cto = `cto-${Date.now()}@victim.example`;
    const evil = await signIn(t, attacker.users.admin.email);

    // Before the fix: 201, an account for the victim's e-mail with the attacker's password.
    const withPassword = await evil.agent.post('/api/v1/members').set('X-CSRF-Token', evil.csrf).send({ email: cto, name: 'CTO', role: 'viewer', password: 'attacker-chosen-password' });
    expect(withPassword.status).toBe(400);
    expect(await t.db.user.count({ where: { email: cto } })).toBe(0);

    // The most the attacker can do now: invite the address and open the link themselves.
    const squat = await invite(evil, cto);
    const claimed = await t.http().post('/api/v1/invitations/accept').send({ token: squat.token, name: 'Not the CTO', password: 'attacker-chosen-password' });
    expect(claimed.status).toBe(200);

    // Later the victim's organization adds its CTO as admin, and passes the link to the real CTO.
    const victimAdmin = await signIn(t, victim.users.admin.email);
    const real = await invite(victimAdmin, cto, 'admin');

    // The attacker signs in with the password they chose: the victim's organization stays out of reach.
    const intruder = await signIn(t, cto, 'attacker-chosen-password', '198.51.100.9');
    expect(intruder.me.organizations.map((o) => o.id)).not.toContain(victim.organization.id);
    const mine = await intruder.agent.get('/api/v1/me/invitations');
    expect(mine.status).toBe(200);
    const pending = mine.body.items.find((i: { organization: { id: string } }) => i.organization.id === victim.organization.id);
    expect(pending).toBeDefined();
    const noToken = await intruder.agent.post(`/api/v1/me/invitations/${pending.id}/accept`).set('X-CSRF-Token', intruder.csrf).send({});
    expect(noToken.status).toBe(400);
    const ownOldToken = await intruder.agent.post(`/api/v1/me/invitations/${pending.id}/accept`).set('X-CSRF-Token', intruder.csrf).send({ token: squat.token });
    expect(ownOldToken.status).toBe(400);
    const switched = await intruder.agent.put('/api/v1/me/organization').set('X-CSRF-Token', intruder.csrf).send({ organizationId: victim.organization.id });
    expect(switched.status).toBe(404);
    expect(await t.db.membership.count({ where: { organizationId: victim.organization.id, user: { email: cto } } })).toBe(0);

    // The victim's link, used with a password that is not the account's own, opens nothing either.
    const guessed = await t.http().post('/api/v1/invitations/accept').set('X-Forwarded-For', '198.51.100.10').send({ token: real.token, name: 'x', password: 'some-other-password' });
    expect(guessed.status).toBe(401);
    expect(await t.db.membership.count({ where: { organizationId: victim.organization.id, user: { email: cto } } })).toBe(0);
  });

  it('answers the same status and shape whether or not the e-mail has an account elsewhere', async () => {
    const home = await seedOrganization(t.db, 'leak-home');
    const prober = await seedOrganization(t.db, 'leak-prober');
    const admin = await signIn(t, prober.users.admin.email);
    const existing = await admin.agent.post('/api/v1/members').set('X-CSRF-Token', admin.csrf).send({ email: home.users.viewer.email, role: 'viewer' });
    const fresh = await admin.agent
      .post('/api/v1/members')
      .set('X-CSRF-Token', admin.csrf)
      .send({ email: `nobody-${Date.now()}@leak.test`, role: 'viewer' });
    expect(existing.status).toBe(201);
    expect(fresh.status).toBe(existing.status);
    expect(shapeOf(existing.body)).toEqual(shapeOf(fresh.body));
    expect(Object.keys(existing.headers).sort()).toEqual(Object.keys(fresh.headers).sort());
    const viewer = await t.db.user.findUniqueOrThrow({ where: { email: home.users.viewer.email } });
    expect(JSON.stringify(existing.body)).not.toContain(viewer.name);
    expect(JSON.stringify(existing.body)).not.toContain(viewer.id);
  });
});

describe('invitations', () => {
  it('a new e-mail gets its account from the link: name and password chosen by the invitee', async () => {
    const { organization, users } = await seedOrganization(t.db, 'newbie');
    const admin = await signIn(t, users.admin.email);
    const email = `new-${Date.now()}@members.test`;
    const { token, body } = await invite(admin, email, 'editor');
    expect(body.invitation).toMatchObject({ email, role: 'editor', expired: false, invitedBy: expect.any(String) });
    expect(body.inviteUrl).toMatch(/^http:\/\/localhost:3000\/invite#inv_/);
    expect(await t.db.user.count({ where: { email } })).toBe(0);

    const lookup = await t.http().post('/api/v1/invitations/lookup').send({ token });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ email, role: 'editor', organization: { id: organization.id } });

    const noName = await t.http().post('/api/v1/invitations/accept').send({ token, password: 'my-own-new-password' });
    expect(noName.status).toBe(400);
    expect(noName.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['name']);
    const short = await t.http().post('/api/v1/invitations/accept').send({ token, name: 'New Person', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['password']);

    const accepted = await t.http().post('/api/v1/invitations/accept').send({ token, name: 'New Person', password: 'my-own-new-password' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.organization).toMatchObject({ id: organization.id, role: 'editor' });
    expect(String(accepted.headers['set-cookie'])).toContain('portico_session=');
    const signedIn = await signIn(t, email, 'my-own-new-password');
    expect(signedIn.me.user.name).toBe('New Person');

    // The link works once.
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token })).status).toBe(404);
    expect((await t.http().post('/api/v1/invitations/accept').send({ token, name: 'Again', password: 'my-own-new-password' })).status).toBe(404);
    const members = await admin.agent.get('/api/v1/members?limit=200');
    expect(members.body.items.map((m: { email: string }) => m.email)).toContain(email);
    expect((await admin.agent.get('/api/v1/invitations')).body.items).toEqual([]);
  });

  it('an existing account accepts from the link with its own password, and its password is untouched', async () => {
    const a = await seedOrganization(t.db, 'home');
    const b = await seedOrganization(t.db, 'guest');
    const admin = await signIn(t, b.users.admin.email);
    const { token } = await invite(admin, a.users.viewer.email, 'viewer');
    const wrong = await t.http().post('/api/v1/invitations/accept').set('X-Forwarded-For', '198.51.100.20').send({ token, password: 'not-their-password' });
    expect(wrong.status).toBe(401);
    const ok = await t.http().post('/api/v1/invitations/accept').set('X-Forwarded-For', '198.51.100.20').send({ token, password: PASSWORD, name: 'ignored' });
    expect(ok.status).toBe(200);
    expect(ok.body.organization.id).toBe(b.organization.id);
    const me = await signIn(t, a.users.viewer.email, PASSWORD);
    expect(me.me.organizations.map((o) => o.id).sort()).toEqual([a.organization.id, b.organization.id].sort());
    expect(me.me.user.name).not.toBe('ignored');
    const again = await admin.agent.post('/api/v1/members').set('X-CSRF-Token', admin.csrf).send({ email: a.users.viewer.email, role: 'viewer' });
    expect(again.status).toBe(409);
  });

  it('a signed-in invitee sees the invitation and accepts it with the link, switching to that organization', async () => {
    const a = await seedOrganization(t.db, 'switch-a');
    const b = await seedOrganization(t.db, 'switch-b');
    const adminB = await signIn(t, b.users.admin.email);
    const { id, token } = await invite(adminB, a.users.editor.email, 'admin');
    const user = await signIn(t, a.users.editor.email);
    const list = await user.agent.get('/api/v1/me/invitations');
    expect(list.body.items).toEqual([expect.objectContaining({ id, role: 'admin', organization: expect.objectContaining({ id: b.organization.id, name: b.organization.name }) })]);

    const otherToken = `inv_${'A'.repeat(43)}`;
    const mismatch = await user.agent.post(`/api/v1/me/invitations/${id}/accept`).set('X-CSRF-Token', user.csrf).send({ token: otherToken });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['token']);
    const res = await user.agent.post(`/api/v1/me/invitations/${id}/accept`).set('X-CSRF-Token', user.csrf).send({ token });
    expect(res.status).toBe(200);
    expect(res.body.organization).toMatchObject({ id: b.organization.id, role: 'admin' });
    expect((await user.agent.get('/api/v1/members')).status).toBe(200); // admin in B now
    const back = await user.agent.put('/api/v1/me/organization').set('X-CSRF-Token', user.csrf).send({ organizationId: a.organization.id });
    expect(back.body.organization).toMatchObject({ id: a.organization.id, role: 'editor' });
    expect((await user.agent.get('/api/v1/me/invitations')).body.items).toEqual([]);
  });

  it("someone else's invitation is not found, whoever asks", async () => {
    const org = await seedOrganization(t.db, 'notmine');
    const admin = await signIn(t, org.users.admin.email);
    const { id, token } = await invite(admin, `someone-${Date.now()}@notmine.test`);
    const viewer = await signIn(t, org.users.viewer.email);
    expect((await viewer.agent.post(`/api/v1/me/invitations/${id}/accept`).set('X-CSRF-Token', viewer.csrf).send({ token })).status).toBe(404);
    expect((await viewer.agent.post(`/api/v1/me/invitations/${id}/decline`).set('X-CSRF-Token', viewer.csrf)).status).toBe(404);
  });

  it('declining closes the invitation for good', async () => {
    const a = await seedOrganization(t.db, 'decline-a');
    const b = await seedOrganization(t.db, 'decline-b');
    const adminB = await signIn(t, b.users.admin.email);
    const { id, token } = await invite(adminB, a.users.viewer.email);
    const user = await signIn(t, a.users.viewer.email);
    expect((await user.agent.post(`/api/v1/me/invitations/${id}/decline`).set('X-CSRF-Token', user.csrf)).status).toBe(204);
    expect((await user.agent.post(`/api/v1/me/invitations/${id}/accept`).set('X-CSRF-Token', user.csrf).send({ token })).status).toBe(404);
    expect((await t.http().post('/api/v1/invitations/accept').send({ token, password: PASSWORD })).status).toBe(404);
    expect((await adminB.agent.get('/api/v1/invitations')).body.items).toEqual([]);
    const audit = await adminB.agent.get('/api/v1/audit-events?action=invitation.declined');
    expect(audit.body.items).toHaveLength(1);
  });

  it('admins list and revoke open invitations; inviting again replaces the link', async () => {
    const { users } = await seedOrganization(t.db, 'revoke');
    const admin = await signIn(t, users.admin.email);
    const email = `pending-${Date.now()}@revoke.test`;
    const first = await invite(admin, email, 'viewer');
    const second = await invite(admin, email, 'editor');
    expect(second.id).toBe(first.id);
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token: first.token })).status).toBe(404);
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token: second.token })).body.role).toBe('editor');

    const list = await admin.agent.get('/api/v1/invitations');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: first.id, email, role: 'editor', expired: false })]);
    expect(JSON.stringify(list.body)).not.toMatch(/inv_|tokenHash/);

    expect((await admin.agent.delete(`/api/v1/invitations/${first.id}`).set('X-CSRF-Token', admin.csrf)).status).toBe(204);
    expect((await admin.agent.delete(`/api/v1/invitations/${first.id}`).set('X-CSRF-Token', admin.csrf)).status).toBe(404);
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token: second.token })).status).toBe(404);
    expect((await admin.agent.get('/api/v1/invitations')).body.items).toEqual([]);
  });

  it('an expired link opens nothing and the list says it expired', async () => {
    const { users } = await seedOrganization(t.db, 'expiry');
    const admin = await signIn(t, users.admin.email);
    const { id, token } = await invite(admin, `late-${Date.now()}@expiry.test`);
    await t.db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await t.http().post('/api/v1/invitations/lookup').send({ token })).status).toBe(404);
    expect((await t.http().post('/api/v1/invitations/accept').send({ token, name: 'Late', password: 'a-long-enough-password' })).status).toBe(404);
    expect((await admin.agent.get('/api/v1/invitations')).body.items).toEqual([expect.objectContaining({ id, expired: true })]);
  });

  it('an admin API token can only invite: no password, no account', async () => {
    const { users } = await seedOrganization(t.db, 'token-invite');
    const admin = await signIn(t, users.admin.email);
    const { secret } = await createToken(admin, 'admin');
    const email = `bot-${Date.now()}@token-invite.test`;
    const withPassword = await t.http().post('/api/v1/members').set('Authorization', `Bearer ${secret}`).send({ email, role: 'admin', password: 'token-chosen-password' });
    expect(withPassword.status).toBe(400);
    expect(withPassword.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['password']);
    const res = await t.http().post('/api/v1/members').set('Authorization', `Bearer ${secret}`).send({ email, role: 'admin' });
    expect(res.status).toBe(201);
    expect(res.body.invitation.email).toBe(email);
    expect(await t.db.user.count({ where: { email } })).toBe(0);
  });
});

describe('member management (admin)', () => {
  it('keeps at least one active admin', async () => {
    const { users } = await seedOrganization(t.db, 'lastadmin');
    const admin = await signIn(t, users.admin.email);
    for (const body of [{ role: 'viewer' }, { disabled: true }]) {
      const res = await admin.agent.patch(`/api/v1/members/${users.admin.id}`).set('X-CSRF-Token', admin.csrf).send(body);
      expect(res.status).toBe(409);
    }
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
