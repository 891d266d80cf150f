import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/**
 * Runs a whole session — sign-in, failed sign-in, token creation and use, an invitation
 * accepted with the invitee's own password — and checks that no password, token secret, session cookie or hash
 * appears in any log line, or in any response other than the one that hands it out once.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('secrets stay secret', () => {
  it('never logs or echoes credentials', async () => {
    const { users } = await seedOrganization(t.db, 'secrets');
    const responses: string[] = [];
    const keep = (res: { headers: object; text: string }) => responses.push(JSON.stringify(res.headers) + res.text);

    keep(await t.http().post('/api/v1/auth/login').send({ email: users.admin.email, password: 'a-wrong-secret-password' }));
    const admin = await signIn(t, users.admin.email);
    const created = await admin.agent.post('/api/v1/tokens').set('X-CSRF-Token', admin.csrf).send({ name: 'ci', role: 'editor' });
    const secret: string = created.body.secret;
    keep(await t.http().get('/api/v1/me').set('Authorization', `Bearer ${secret}`));
    keep(await t.http().get('/api/v1/tokens?x=1').set('Authorization', `Bearer ${secret}`));
    keep(await admin.agent.get('/api/v1/tokens'));
    keep(await admin.agent.get('/api/v1/me'));
    const invited = await admin.agent
      .post('/api/v1/members')
      .set('X-CSRF-Token', admin.csrf)
      .send({ email: `m-${Date.now()}@secrets.test`, role: 'viewer' });
    const inviteToken = new URL(invited.body.inviteUrl).hash.slice(1);
    const inviteePassword = 'the-invitees-own-secret';
    keep(await t.http().post('/api/v1/invitations/lookup').send({ token: inviteToken }));
    keep(await t.http().post('/api/v1/invitations/accept').send({ token: inviteToken, name: 'M', password: inviteePassword }));
    keep(await admin.agent.get('/api/v1/members'));
    keep(await admin.agent.get('/api/v1/invitations'));
    keep(await admin.agent.get('/api/v1/audit-events?limit=200'));
    keep(
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: invited.body.invitation.email, password: `${inviteePassword}-wrong` }),
    );

    const hashes = [
      ...(await t.db.user.findMany({ where: { email: { contains: 'secrets.test' } } })).map((u) => u.passwordHash),
      ...(await t.db.apiToken.findMany({ where: { userId: users.admin.id } })).map((k) => k.tokenHash),
      ...(await t.db.session.findMany({ where: { userId: users.admin.id } })).map((s) => s.tokenHash),
      ...(await t.db.invitation.findMany({ where: { email: invited.body.invitation.email } })).map((i) => i.tokenHash),
    ];
    const forbidden = [PASSWORD, 'a-wrong-secret-password', secret, admin.cookie, inviteToken, inviteePassword, ...hashes];
    const logs = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(5);
    for (const value of forbidden) {
      expect(value.length).toBeGreaterThan(8);
      expect(logs).not.toContain(value);
      for (const body of responses) expect(body).not.toContain(value);
    }
    expect(logs).not.toContain(admin.csrf);
  });
});
