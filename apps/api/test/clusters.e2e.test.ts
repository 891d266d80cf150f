import { once } from 'node:events';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiEnv } from '../src/env.js';
import { type Browser, type TestApp, TEST_SECRET_KEY, seedOrganization, signIn, startTestApp } from './support/test-app.js';

let t: TestApp;
let sim: Simulator;
let other: Simulator;
let admin: Browser;
let viewer: Browser;
let orgId: string;
beforeAll(async () => {
  [t, sim, other] = await Promise.all([startTestApp(), startSimulator({ scenario: 'empty' }), startSimulator({ scenario: 'empty' })]);
  const seeded = await seedOrganization(t.db, 'clusters');
  orgId = seeded.organization.id;
  admin = await signIn(t, seeded.users.admin.email);
  viewer = await signIn(t, seeded.users.viewer.email);
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.close(), sim?.close(), other?.close()]);
});

const register = (body: object, b: Browser = admin) => b.agent.post('/api/v1/clusters').set('X-CSRF-Token', b.csrf).send(body);
const clusterCount = () => t.db.cluster.count({ where: { organizationId: orgId } });
let n = 0;
const name = () => `c${++n}-${Date.now().toString(36)}`;

describe('cluster registration', () => {
  it('registers from a kubeconfig (token), stores credentials sealed, never returns them', async () => {
    const res = await register({ name: 'prod', kubeconfig: sim.kubeconfig });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'prod', server: sim.url, authKind: 'token', status: 'pending', enabled: true, insecureSkipTlsVerify: false, warnings: [] });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(sim.tokens.admin);
    const row = await t.db.cluster.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.credentials).not.toContain(sim.tokens.admin);
    expect(row.credentials).not.toContain('BEGIN CERTIFICATE');
    expect(row.credentialsKeyId).toMatch(/^[0-9a-f]{16}$/);
    const list = await viewer.agent.get('/api/v1/clusters');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toContain('prod');
    expect(JSON.stringify(list.body)).not.toContain(sim.tokens.admin);
    expect(t.logs.join('\n')).not.toContain(sim.tokens.admin);
  });

  it('registers from a server URL + token + CA', async () => {
    const res = await register({ name: name(), server: sim.url, token: sim.tokens.readonly, caPem: sim.caPem });
    expect(res.status).toBe(201);
  });

  it('refuses a duplicate name with 409', async () => {
    const res = await register({ name: 'prod', kubeconfig: sim.kubeconfig });
    expect(res.status).toBe(409);
    expect(res.body.invalid_params[0].name).toBe('name');
  });

  it('explains each bad kubeconfig and stores nothing', async () => {
    const before = await clusterCount();
    const execKubeconfig = sim.kubeconfig.replace(/token: .*/, 'exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: aws\n      args: [eks, get-token]');
    const cases: [object, string, RegExp][] = [
      [{ name: name(), kubeconfig: 'not: [valid' }, 'kubeconfig', /YAML|kubeconfig/i],
      [{ name: name(), kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' }, 'kubeconfig', /context/i],
      [{ name: name(), kubeconfig: execKubeconfig }, 'kubeconfig', /ServiceAccount token/],
      [{ name: name(), kubeconfig: sim.kubeconfig, context: 'nope' }, 'context', /nope|context/i],
      [{ name: 'Not A DNS Name', kubeconfig: sim.kubeconfig }, 'name', /lowercase/],
      [{ name: name(), server: 'https://169.254.169.254', token: 'x' }, 'server', /metadata|link-local/i],
      [{ name: name(), server: 'http://127.0.0.1:1', token: 'x' }, 'server', /https/i],
      [{ name: name(), server: sim.url, token: 'x', insecureSkipTlsVerify: true }, 'allowInsecure', /TLS/],
      [{ name: name() }, 'kubeconfig', /either kubeconfig/],
    ];
    for (const [body, field, message] of cases) {
      const res = await register(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(field);
      expect(JSON.stringify(res.body)).toMatch(message);
    }
    expect(await clusterCount()).toBe(before);
  });

  it('explains unreachable, wrong CA, 401 and 403 clusters in plain words, and stores nothing', async () => {
    const before = await clusterCount();
    const unreachable = await register({ name: name(), server: 'https://127.0.0.1:1', token: 'abc', caPem: sim.caPem });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.detail).toMatch(/reach|refused|connect|talk to/i);
    const wrongCa = await register({ name: name(), server: sim.url, token: sim.tokens.admin, caPem: other.caPem });
    expect(wrongCa.status).toBe(422);
    expect(wrongCa.body.detail).toMatch(/certificate|TLS/i);
    const badToken = await register({ name: name(), server: sim.url, token: 'not-a-valid-token', caPem: sim.caPem });
    expect(badToken.status).toBe(422);
    expect(badToken.body.detail).toMatch(/401|credential|token|rejected/i);
    const scoped = await register({ name: name(), kubeconfig: sim.kubeconfigFor('namespace') });
    expect(scoped.status).toBe(422);
    expect(scoped.body.detail).toMatch(/permission|forbidden|403/i);
    expect(scoped.body.detail).toMatch(/services/);
    for (const r of [unreachable, wrongCa, badToken, scoped]) expect(JSON.stringify(r.body)).not.toContain(sim.tokens.admin);
    expect(await clusterCount()).toBe(before);
  }, 60_000);

  it('accepts an insecure connection only with explicit consent, and warns about it', async () => {
    const res = await register({ name: name(), server: sim.url, token: sim.tokens.admin, insecureSkipTlsVerify: true, allowInsecure: true });
    expect(res.status).toBe(201);
    expect(res.body.insecureSkipTlsVerify).toBe(true);
    expect(res.body.warnings[0]).toMatch(/not verified/);
  });

  it('accepts client-certificate kubeconfigs (stored sealed as such)', async () => {
    const fixtures = new URL('../../../packages/kube/test/fixtures/', import.meta.url);
    const { readFileSync } = await import('node:fs');
    const b64 = (f: string) => Buffer.from(readFileSync(new URL(f, fixtures), 'utf8')).toString('base64');
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'current-context: certs',
      'clusters:',
      '- name: c',
      '  cluster:',
      '    server: https://127.0.0.1:1',
      `    certificate-authority-data: ${b64('ca.pem')}`,
      'users:',
      '- name: u',
      '  user:',
      `    client-certificate-data: ${b64('client.pem')}`,
      `    client-key-data: ${b64('client.key')}`,
      'contexts:',
      '- name: certs',
      '  context: {cluster: c, user: u}',
      '',
    ].join('\n');
    const res = await register({ name: name(), kubeconfig, skipConnectionCheck: true });
    expect(res.status).toBe(201);
    expect(res.body.authKind).toBe('clientCertificate');
    const row = await t.db.cluster.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.credentials).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE KEY');
  });

  it('can skip the connection check when asked', async () => {
    const res = await register({ name: name(), server: 'https://127.0.0.1:1', token: 'later', caPem: sim.caPem, skipConnectionCheck: true });
    expect(res.status).toBe(201);
  });

  it('rotates credentials, disables, and deletes with its synced objects', async () => {
    const created = await register({ name: name(), kubeconfig: sim.kubeconfig });
    const id = created.body.id;
    const before = (await t.db.cluster.findUniqueOrThrow({ where: { id } })).credentials;
    const rotated = await admin.agent.patch(`/api/v1/clusters/${id}`).set('X-CSRF-Token', admin.csrf).send({ server: sim.url, token: sim.tokens.readonly, caPem: sim.caPem });
    expect(rotated.status).toBe(200);
    expect((await t.db.cluster.findUniqueOrThrow({ where: { id } })).credentials).not.toBe(before);
    const disabled = await admin.agent.patch(`/api/v1/clusters/${id}`).set('X-CSRF-Token', admin.csrf).send({ enabled: false });
    expect(disabled.body.enabled).toBe(false);
    await t.db.kubeObject.create({ data: { organizationId: orgId, clusterId: id, resource: 'services', apiVersion: 'v1', kind: 'Service', name: 'x', uid: 'u', resourceVersion: '1', body: {} } });
    expect((await admin.agent.delete(`/api/v1/clusters/${id}`).set('X-CSRF-Token', admin.csrf)).status).toBe(204);
    expect(await t.db.kubeObject.count({ where: { clusterId: id } })).toBe(0);
    expect((await admin.agent.get(`/api/v1/clusters/${id}`)).status).toBe(404);
  });

  it('is for admins: viewers and editors get 403', async () => {
    const res = await register({ name: name(), kubeconfig: sim.kubeconfig }, viewer);
    expect(res.status).toBe(403);
  });
});

describe('address policy (PORTICO_CLUSTER_ADDRESSES_ALLOWED unset: public addresses only)', () => {
  let strict: TestApp;
  let strictAdmin: Browser;
  let strictOrgId: string;
  /** A TCP listener on this machine that counts the connections the API opens to it. */
  let listener: Server;
  let connections = 0;
  const listenerPort = () => (listener.address() as AddressInfo).port;

  beforeAll(async () => {
    strict = await startTestApp({ PORTICO_CLUSTER_ADDRESSES_ALLOWED: '' });
    const seeded = await seedOrganization(strict.db, 'strict');
    strictOrgId = seeded.organization.id;
    strictAdmin = await signIn(strict, seeded.users.admin.email);
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    listener.listen(0, '::');
    await once(listener, 'listening');
  }, 60_000);
  afterAll(async () => {
    await strict?.close();
    await new Promise((resolve) => listener?.close(resolve));
  });

  const registerStrict = (body: object) => strictAdmin.agent.post('/api/v1/clusters').set('X-CSRF-Token', strictAdmin.csrf).send(body);
  const strictCount = () => strict.db.cluster.count({ where: { organizationId: strictOrgId } });

  it('refuses a name that resolves to loopback with 422 naming the field, without connecting', async () => {
    const before = await strictCount();
    const res = await registerStrict({ name: name(), server: `https://localhost:${listenerPort()}`, token: 't', caPem: sim.caPem });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.invalid_params).toEqual([{ name: 'server', reason: res.body.detail }]);
    expect(res.body.detail).toBe('localhost resolves to a loopback address, which this installation does not allow; an administrator can allow it with PORTICO_CLUSTER_ADDRESSES_ALLOWED=loopback.');
    const fromKubeconfig = await registerStrict({ name: name(), kubeconfig: sim.kubeconfig });
    expect(fromKubeconfig.status).toBe(422);
    expect(fromKubeconfig.body.invalid_params[0].name).toBe('kubeconfig');
    expect(connections).toBe(0);
    expect(await strictCount()).toBe(before);
  });

  it('refuses 0.0.0.0, [::] and private literals, also when the connection check is skipped', async () => {
    for (const host of ['0.0.0.0', '[::]', '10.1.2.3', '[::ffff:127.0.0.1]']) {
      for (const skipConnectionCheck of [false, true]) {
        const res = await registerStrict({ name: name(), server: `https://${host}:${listenerPort()}`, token: 't', caPem: sim.caPem, skipConnectionCheck });
        expect(res.status, `${host} skip=${skipConnectionCheck}`).toBe(422);
        expect(res.body.invalid_params[0].name).toBe('server');
        expect(res.body.detail).toMatch(/is an? (unspecified|private|loopback) address.*, which this installation does not allow/);
      }
    }
    expect(connections).toBe(0);
  });

  it('gives a port scan the same answer for an open and a closed port', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = async (port: number) => {
      const res = await registerStrict({ name: 'scan', server: `https://localhost:${port}`, token: 't', insecureSkipTlsVerify: true, allowInsecure: true });
      const { status, body } = res;
      return { status, title: body.title, detail: body.detail, invalid_params: body.invalid_params };
    };
    const open = await answer(listenerPort());
    expect(open.status).toBe(422);
    expect(await answer(closedPort)).toEqual(open);
    expect(connections).toBe(0);
  });

  it('keeps detailed diagnostics for an allowed address (loopback allowed)', async () => {
    // `t` allows loopback: a closed port there is "connection refused", a listening one is not.
    const res = await register({ name: name(), server: `https://localhost:${listenerPort()}`, token: 't', insecureSkipTlsVerify: true, allowInsecure: true });
    expect(res.status).toBe(422);
    expect(res.body.detail).not.toMatch(/does not allow/);
    expect(connections).toBeGreaterThan(0);
  });

  it('refuses an unknown address class at boot, naming the variable', () => {
    expect(() => parseApiEnv({ DATABASE_URL: 'postgres://x/y', PORTICO_SECRET_KEY: TEST_SECRET_KEY, PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback,metadata' })).toThrow(
      /PORTICO_CLUSTER_ADDRESSES_ALLOWED.*metadata/,
    );
  });
});
