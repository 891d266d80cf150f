import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedOrganization>>;
beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedOrganization(t.db, 'auth');
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('signs in with a correct password and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: seeded.users.editor.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.organization).toMatchObject({ id: seeded.organization.id, role: 'editor' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^portico_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
  });

  it('uses a Secure __Host- cookie behind https', async () => {
    const secure = await startTestApp({ PORTICO_PUBLIC_URL: 'https://portico.example.com' });
    try {
      const res = await secure.http().post('/api/v1/auth/login').send({ email: seeded.users.viewer.email, password: PASSWORD });
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-portico_session=.*; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('answers 401 problem+json for a wrong password and for an unknown e-mail alike', async () => {
    for (const email of [seeded.users.viewer.email, 'nobody@nowhere.test']) {
      const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.77').send({ email, password: 'wrong-password!' });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'invalid_credentials', status: 401 });
    }
  });

  it('logs out: the cookie no longer works', async () => {
    const b = await signIn(t, seeded.users.viewer.email);
    expect((await b.agent.get('/api/v1/me')).status).toBe(200);
    expect((await b.agent.post('/api/v1/auth/logout').set('X-CSRF-Token', b.csrf)).status).toBe(204);
    expect((await t.http().get('/api/v1/me').set('Cookie', `portico_session=${b.cookie}`)).status).toBe(401);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const b = await signIn(t, seeded.users.viewer.email);
    await t.db.session.updateMany({ where: { userId: seeded.users.viewer.id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const res = await b.agent.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('ends a session at its absolute lifetime even when active', async () => {
    const b = await signIn(t, seeded.users.viewer.email);
    await t.db.session.updateMany({ where: { userId: seeded.users.viewer.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await b.agent.get('/api/v1/me')).status).toBe(401);
  });

  it('ends the sessions of a disabled member at once, and they cannot sign in again', async () => {
    const { users } = await seedOrganization(t.db, 'disable');
    const admin = await signIn(t, users.admin.email);
    const victim = await signIn(t, users.editor.email);
    expect((await victim.agent.get('/api/v1/me')).status).toBe(200);
    const res = await admin.agent.patch(`/api/v1/members/${users.editor.id}`).set('X-CSRF-Token', admin.csrf).send({ disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await victim.agent.get('/api/v1/me')).status).toBe(401);
    const again = await t.http().post('/api/v1/auth/login').send({ email: users.editor.email, password: PASSWORD });
    expect(again.status).toBe(401);
  });
});

describe('CSRF', () => {
  it('rejects cookie-authenticated writes without the token, or with a wrong one', async () => {
    const b = await signIn(t, seeded.users.editor.email);
    for (const header of [undefined, 'not-the-token', '']) {
      const req = b.agent.post('/api/v1/tokens').send({ name: 'x', role: 'viewer' });
      if (header !== undefined) req.set('X-CSRF-Token', header);
      const res = await req;
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('csrf_failed');
    }
    const ok = await b.agent.post('/api/v1/tokens').set('X-CSRF-Token', b.csrf).send({ name: 'x', role: 'viewer' });
    expect(ok.status).toBe(201);
  });

  it('does not ask for it on reads', async () => {
    const b = await signIn(t, seeded.users.editor.email);
    expect((await b.agent.get('/api/v1/tokens')).status).toBe(200);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after repeated failures for one account, even with the right password', async () => {
    const { users } = await seedOrganization(t.db, 'throttle');
    for (let i = 0; i < 5; i++) {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .send({ email: users.viewer.email, password: 'wrong-password!' });
      expect(res.status).toBe(401);
    }
    const blocked = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.99').send({ email: users.viewer.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same addresses is unaffected.
    expect((await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.99').send({ email: users.editor.email, password: PASSWORD })).status).toBe(200);
  });

  it('answers 429 after repeated failures from one address across accounts', async () => {
    const strict = await startTestApp({ PORTICO_LOGIN_MAX_FAILURES_PER_IP: '3' });
    try {
      const ip = '192.0.2.44';
      for (let i = 0; i < 3; i++) {
        expect(
          (
            await strict
              .http()
              .post('/api/v1/auth/login')
              .set('X-Forwarded-For', ip)
              .send({ email: `guess${i}@x.test`, password: 'nope-nope-nope' })
          ).status,
        ).toBe(401);
      }
      const res = await strict.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: seeded.users.admin.email, password: PASSWORD });
      expect(res.status).toBe(429);
    } finally {
      await strict.close();
    }
  });
});

describe('audit of sign-ins', () => {
  it('records successes and failures in the organization', async () => {
    const { organization, users } = await seedOrganization(t.db, 'audit');
    await t.http().post('/api/v1/auth/login').send({ email: users.viewer.email, password: 'wrong-password!' });
    const admin = await signIn(t, users.admin.email);
    const res = await admin.agent.get('/api/v1/audit-events');
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(actions).toContain('auth.login.failed:failure');
    expect(actions).toContain('auth.login.succeeded:success');
    const rows = await t.db.auditEvent.findMany({ where: { organizationId: organization.id } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe('login throttle under concurrency (issue 8, finding 5)', () => {
  it('verifies at most PORTICO_LOGIN_MAX_FAILURES passwords of 50 parallel wrong guesses', async () => {
    const { users } = await seedOrganization(t.db, 'race');
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', '203.0.113.150')
          .send({ email: users.viewer.email, password: `wrong-guess-${i}` }),
      ),
    );
    const statuses = guesses.map((r) => r.status);
    // A 401 is a verified guess; a 429 was refused before any verification.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(t.env.PORTICO_LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect((await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.151').send({ email: users.viewer.email, password: PASSWORD })).status).toBe(429);
  });

  it('does not count successful sign-ins against the address', async () => {
    const strict = await startTestApp({ PORTICO_LOGIN_MAX_FAILURES_PER_IP: '2' });
    try {
      const { users } = await seedOrganization(strict.db, 'refund');
      for (let i = 0; i < 5; i++) {
        const res = await strict.http().post('/api/v1/auth/login').set('X-Forwarded-For', '192.0.2.77').send({ email: users.editor.email, password: PASSWORD });
        expect(res.status).toBe(200);
      }
    } finally {
      await strict.close();
    }
  });
});

describe('changing your own password', () => {
  it('needs the current password, ends your other sessions, keeps this one, and is audited', async () => {
    const { users } = await seedOrganization(t.db, 'passwd');
    const here = await signIn(t, users.editor.email, PASSWORD, '198.51.100.60');
    const elsewhere = await signIn(t, users.editor.email, PASSWORD, '198.51.100.61');
    const newPassword = 'a-brand-new-passphrase';

    const wrong = await here.agent.put('/api/v1/me/password').set('X-CSRF-Token', here.csrf).send({ currentPassword: 'not-my-password', newPassword });
    expect(wrong.status).toBe(400);
    expect(wrong.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['currentPassword']);
    const short = await here.agent.put('/api/v1/me/password').set('X-CSRF-Token', here.csrf).send({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.invalid_params.map((p: { name: string }) => p.name)).toEqual(['newPassword']);

    const ok = await here.agent.put('/api/v1/me/password').set('X-CSRF-Token', here.csrf).send({ currentPassword: PASSWORD, newPassword });
    expect(ok.status).toBe(204);
    expect((await here.agent.get('/api/v1/me')).status).toBe(200);
    expect((await elsewhere.agent.get('/api/v1/me')).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.62').send({ email: users.editor.email, password: PASSWORD })).status).toBe(401);
    await signIn(t, users.editor.email, newPassword, '198.51.100.63');

    const events = await t.db.auditEvent.findMany({ where: { action: 'auth.password.changed', actorUserId: users.editor.id } });
    expect(events.map((e) => e.outcome).sort()).toEqual(['failure', 'success']);
    expect(JSON.stringify(events)).not.toContain(newPassword);
  });
});
