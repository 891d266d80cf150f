import { applyMigrations, createCredentialCipher, createDb, createFreshDatabase, dropDatabase, openClusterCredentials, type Db } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDemoCluster } from '../src/bootstrap/ensure-demo-cluster.js';
import { ensureFirstAdmin } from '../src/bootstrap/ensure-first-admin.js';
import { parseBootstrapEnv } from '../src/env.js';
import { TEST_SECRET_KEY } from './support/test-app.js';

/** What `cli.js bootstrap` and `cli.js demo-cluster` do (npm start runs both), on a database of their own. */
let url: string;
let db: Db;
beforeAll(async () => {
  url = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_bootstrap');
  await applyMigrations(url);
  db = createDb(url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  if (url) await dropDatabase(url);
});

describe('bootstrap', () => {
  it('the demo cluster needs the first admin, then is registered once and re-pointed at each new simulator', async () => {
    const cipher = createCredentialCipher(TEST_SECRET_KEY);
    const sim = { server: 'https://127.0.0.1:6443', caPem: 'CA-1', token: 'token-1' };
    await expect(ensureDemoCluster(db, cipher, sim)).rejects.toThrow(/No organization yet/);
    const admin = await ensureFirstAdmin(db, { email: 'Admin@Bootstrap.test' });
    expect(admin).toMatchObject({ email: 'admin@bootstrap.test', created: true });
    expect(admin.generatedPassword).toEqual(expect.any(String));
    expect(await ensureFirstAdmin(db, {})).toMatchObject({ created: false, generatedPassword: null });

    const first = await ensureDemoCluster(db, cipher, sim);
    await db.cluster.update({ where: { id: first.clusterId }, data: { status: 'ready' } });
    const again = await ensureDemoCluster(db, cipher, { server: 'https://127.0.0.1:7443', caPem: 'CA-2', token: 'token-2' });
    expect(again).toEqual(first);
    const row = await db.cluster.findUniqueOrThrow({ where: { id: first.clusterId } });
    expect(row).toMatchObject({ name: 'demo', server: 'https://127.0.0.1:7443', status: 'pending', statusReason: null });
    expect(openClusterCredentials(cipher, row)).toMatchObject({ caPem: 'CA-2', auth: { kind: 'token', token: 'token-2' } });
  });

  it('reads its own configuration: keys only for the commands that seal, empty admin variables as unset', () => {
    const base = { DATABASE_URL: 'postgres://x/y', PORTICO_ADMIN_EMAIL: '', PORTICO_ADMIN_PASSWORD: '' };
    expect(parseBootstrapEnv('bootstrap', base)).toMatchObject({ PORTICO_ADMIN_EMAIL: undefined, PORTICO_ADMIN_PASSWORD: undefined, PORTICO_SECRET_KEY_PREVIOUS: '' });
    expect(() => parseBootstrapEnv('demo-cluster', base)).toThrow(/^PORTICO_SECRET_KEY: /);
    expect(() => parseBootstrapEnv('bootstrap', { ...base, PORTICO_ADMIN_PASSWORD: 'short' })).toThrow('PORTICO_ADMIN_PASSWORD: must be at least 12 characters');
    expect(() => parseBootstrapEnv('rotate-secret-key', { PORTICO_SECRET_KEY: TEST_SECRET_KEY })).toThrow(/^DATABASE_URL: /);
  });
});
