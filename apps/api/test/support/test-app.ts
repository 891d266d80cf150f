import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { TMe, TRole } from '@portico/contracts';
import { type Db, addMember, createDb, createOrganization, createUser } from '@portico/db';
import { pino } from 'pino';
import request from 'supertest';
import { inject } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { parseApiEnv } from '../../src/env.js';
import { contractChecked } from './contract-check.js';

export const PASSWORD = 'correct-horse-battery-staple';
export const TEST_SECRET_KEY = Buffer.alloc(32, 5).toString('base64');

/** A real API on the run's real database; log lines are captured for inspection. */
export async function startTestApp(envOverrides: Record<string, string> = {}) {
  const env = parseApiEnv({
    DATABASE_URL: inject('databaseUrl'),
    NODE_ENV: 'test',
    PORTICO_SECRET_KEY: TEST_SECRET_KEY,
    PORTICO_LOGIN_MAX_FAILURES_PER_IP: '1000',
    // The simulators listen on 127.0.0.1; a test that checks the default (nothing allowed) overrides this.
    PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback',
    ...envOverrides,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug', base: { service: 'portico-api' } }, sink);
  const db = createDb(env.DATABASE_URL, { max: 5 });
  const app: INestApplication = await createApp({ env, db, logger });
  const server = app.getHttpServer();
  // Every answer is checked against the route catalogue (see contract-check.ts).
  return { app, db, env, logs, http: () => contractChecked(request(server)), close: () => app.close() };
}
export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** An organization with one member per role (unique names, so test files never collide). */
export async function seedOrganization(db: Db, label = 'org') {
  const suffix = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword(PASSWORD);
  const admin = await createUser(db, { email: `admin-${suffix}@${label}.test`, name: `Admin ${suffix}`, passwordHash });
  const organization = await db.$transaction((tx) => createOrganization(tx, { name: `${label} ${suffix}`, ownerId: admin.id }));
  const users: Record<TRole, { id: string; email: string }> = { admin, editor: admin, viewer: admin };
  for (const role of ['editor', 'viewer'] as const) {
    const user = await createUser(db, { email: `${role}-${suffix}@${label}.test`, name: `${role} ${suffix}`, passwordHash });
    await addMember(db, organization.id, { userId: user.id, role });
    users[role] = user;
  }
  return { organization, users };
}

/** A signed-in browser: keeps the cookie and sends the CSRF token on writes. */
export async function signIn(t: TestApp, email: string, password = PASSWORD, ip = '198.51.100.1') {
  const agent = contractChecked(request.agent(t.app.getHttpServer()));
  const res = await agent.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const me = res.body as TMe;
  const cookie = /portico_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
  return { agent, me, csrf: me.csrfToken!, cookie };
}
export type Browser = Awaited<ReturnType<typeof signIn>>;

/** Creates an API token through the API (session + CSRF), returning its secret. */
export async function createToken(b: Browser, role: TRole, name = `token-${role}`) {
  const res = await b.agent.post('/api/v1/tokens').set('X-CSRF-Token', b.csrf).send({ name, role });
  if (res.status !== 201) throw new Error(`token create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { token: { id: string }; secret: string };
}
