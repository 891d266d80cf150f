import { request as httpsRequest } from 'node:https';
import { RESOURCE_LIST, listPath } from '@portico/kube';
import { startSimulator } from '@portico/kube-sim';
import { expect } from 'vitest';
import { controlPlaneBinary, startControlPlane } from '../../../../packages/control-plane/index.js';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './test-app.js';
import { startWorkerProcess } from './worker-process.js';

/**
 * The two clusters the change pipeline's suites run against with the same test code (issue 12):
 * the simulator and a real kube-apiserver + etcd + controller-manager (packages/control-plane).
 * A test talks to either only through its REST API with the admin token, so nothing leans on
 * simulator internals.
 */
export interface Backend {
  name: string;
  url: string;
  kubeconfig: string;
  /** One REST call as admin; any status (the caller decides what it expects). */
  request<T = Record<string, any>>(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export interface BackendKind {
  name: string;
  start(): Promise<Backend>;
}

function restOf(url: string, caPem: string, token: string): Backend['request'] {
  return (method, path, body, contentType = 'application/json') =>
    new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': contentType, accept: 'application/json' };
      const req = httpsRequest(new URL(path, url), { method, ca: caPem, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
}

const simulator = (scenario: 'empty' | 'course'): BackendKind => ({
  name: 'simulator',
  async start() {
    const sim = await startSimulator({ scenario });
    return { name: 'simulator', url: sim.url, kubeconfig: sim.kubeconfig, request: restOf(sim.url, sim.caPem, sim.tokens.admin), close: () => sim.close() };
  },
});

const controlPlane: BackendKind = {
  name: 'real control plane',
  async start() {
    const cp = await startControlPlane();
    const backend: Backend = { name: 'real control plane', url: cp.url, kubeconfig: cp.kubeconfig, request: restOf(cp.url, cp.caPem, cp.token), close: () => cp.close() };
    try {
      await waitUntilListable(backend);
    } catch (err) {
      await cp.close();
      throw err;
    }
    return backend;
  },
};

/** Both backends, or the simulator alone with the reason printed where there is no Go toolchain to build the real one. */
export function backendKinds(): BackendKind[] {
  const binary = controlPlaneBinary();
  if (binary.skip) {
    console.warn(`[control-plane] the change pipeline's real-cluster half is skipped: ${binary.skip}`);
    return [simulator('empty')];
  }
  return [simulator('empty'), controlPlane];
}

/**
 * A real apiserver answers `429 storage is (re)initializing` to lists of a CRD whose watch cache
 * is still filling (right after install). Every list Portico's sync and connection check make
 * must answer before the cluster is registered: the test waits for it, the product does not.
 */
export async function waitUntilListable(backend: Backend, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const resource of RESOURCE_LIST) {
    for (;;) {
      const res = await backend.request('GET', listPath(resource, { limit: 1 }));
      if (res.status === 200) break;
      if (Date.now() > deadline) throw new Error(`${backend.name}: ${listPath(resource)} still answers ${res.status} after ${timeoutMs} ms: ${JSON.stringify(res.body).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Creates a namespace; on a real cluster also waits for its `default` ServiceAccount, without which Pods are refused. */
export async function createNamespace(backend: Backend, name: string): Promise<void> {
  const created = await backend.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const deadline = Date.now() + 30_000;
  while (backend.name !== 'simulator') {
    if ((await backend.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status === 200) return;
    if (Date.now() > deadline) throw new Error(`no default ServiceAccount in ${name} after 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Creates each object (POST to its collection) and fails on any refusal. */
export async function createObjects(backend: Backend, objects: { path: string; body: unknown }[]): Promise<void> {
  for (const o of objects) {
    const res = await backend.request('POST', o.path, o.body);
    expect(res.status, `${o.path}: ${JSON.stringify(res.body)}`).toBe(201);
  }
}

/** Registers the backend as a cluster through Portico's API (admin token) and returns its id. */
export async function registerCluster(t: TestApp, adminToken: string, backend: Pick<Backend, 'kubeconfig'>, name: string): Promise<string> {
  const res = await t.http().post('/api/v1/clusters').set('Authorization', `Bearer ${adminToken}`).send({ name, kubeconfig: backend.kubeconfig });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: string }).id;
}

/** What every change pipeline suite starts with: the API, an organization's admin and editor tokens, and the real worker process. */
export async function startPipeline(label: string) {
  const t = await startTestApp();
  const seeded = await seedOrganization(t.db, label);
  const adminToken = (await createToken(await signIn(t, seeded.users.admin.email), 'admin')).secret;
  const editorToken = (await createToken(await signIn(t, seeded.users.editor.email), 'editor')).secret;
  const worker = await startWorkerProcess();
  return {
    t,
    adminToken,
    editorToken,
    worker,
    async close() {
      await worker.stop();
      await t.close();
    },
  };
}
export type Pipeline = Awaited<ReturnType<typeof startPipeline>>;
