// Test support only (apps and product packages must not import it): starts the real control
// plane binary built by `npm run control-plane:build` and hands back what a test needs, like
// kube-sim's startSimulator(). Types: index.d.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultBin = path.resolve(here, '../../.data/control-plane/bin/control-plane');
const STDERR_TAIL_BYTES = 64 * 1024;

function hasGo() {
  return [process.env.GO, 'go', '/usr/local/go/bin/go'].some((go) => go && spawnSync(go, ['version']).status === 0);
}

/**
 * Where the binary is, or why tests must skip. `npm test` passes PORTICO_CONTROL_PLANE_BIN (or
 * PORTICO_CONTROL_PLANE_SKIP with the reason); a hand-run vitest falls back to the default path.
 * Only a missing Go toolchain is a reason to skip: with Go present, an unbuilt binary is an error.
 */
export function controlPlaneBinary() {
  if (process.env.PORTICO_CONTROL_PLANE_SKIP) return { skip: process.env.PORTICO_CONTROL_PLANE_SKIP };
  const bin = process.env.PORTICO_CONTROL_PLANE_BIN || defaultBin;
  if (existsSync(bin) || hasGo()) return { bin };
  return { skip: 'no Go toolchain: install Go 1.26+ (https://go.dev/dl/) and run `npm run control-plane:build`' };
}

/**
 * Starts one control plane. Its Go side picks free loopback ports by listening on port 0 and
 * letting go, so two control planes starting at once (parallel test files) can pick the same
 * one; such a start fails with "address already in use" and is tried again with fresh ports.
 */
export async function startControlPlane(options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      if (attempt >= 3 || !/address already in use/.test(err.message)) throw err;
    }
  }
}

async function startOnce(options) {
  const bin = options.bin ?? controlPlaneBinary().bin;
  if (!bin) throw new Error(controlPlaneBinary().skip);
  if (!existsSync(bin)) throw new Error(`control plane binary not found at ${bin}: run \`npm run control-plane:build\``);
  const dir = mkdtempSync(path.join(tmpdir(), 'portico-cp-test-'));
  const kubeconfigPath = path.join(dir, 'admin.kubeconfig');
  const args = [
    `--kubeconfig=${kubeconfigPath}`,
    '--exit-with-stdin',
    `--crds=${options.crds ?? true}`,
    `--controller-manager=${options.controllerManager ?? true}`,
    `--service-cluster-ip-range=${options.serviceClusterIpRange ?? '10.96.0.0/12'}`,
    `--service-node-port-range=${options.serviceNodePortRange ?? '30000-32767'}`,
  ];
  const started = Date.now();
  // stdin stays open: the control plane shuts itself down when this process goes away.
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  let ready;
  try {
    ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the control plane was not ready within 120 s')), options.timeoutMs ?? 120_000);
      let buf = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        buf += chunk;
        const line = buf.split('\n').find((l) => l.startsWith('{'));
        if (!line) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line));
        } catch (err) {
          reject(err);
        }
      });
      child.once('error', (err) => (clearTimeout(timer), reject(err)));
      void exited.then(({ code, signal }) => (clearTimeout(timer), reject(new Error(`the control plane exited before it was ready (${signal ?? `exit ${code}`})`))));
    });
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    cleanup();
    throw new Error(`${err.message}\n--- control plane stderr (tail) ---\n${stderr.slice(-8000)}`);
  }

  const caPem = readFileSync(ready.caFile, 'utf8');
  const token = readFileSync(ready.tokenFile, 'utf8').trim();
  const kubeconfig = readFileSync(kubeconfigPath, 'utf8');
  const url = ready.server;

  /** One HTTPS request to the apiserver as admin (or with `token`), JSON in and out. */
  const request = (method, urlPath, body, opts = {}) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        `${url}${urlPath}`,
        {
          method,
          ca: caPem,
          headers: {
            Authorization: `Bearer ${opts.token ?? token}`,
            Accept: 'application/json',
            ...(data === undefined ? {} : { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(data) }),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON (e.g. /readyz)
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });

  let certManager;
  let closing;
  const close = () =>
    (closing ??= (async () => {
      // cert-manager first: it must not log errors about an apiserver going away under it.
      await certManager?.stop();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    })());

  if (options.certManager) {
    try {
      const ns = await request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CERT_MANAGER_NAMESPACE } });
      if (ns.status !== 201 && ns.status !== 409) throw new Error(`creating namespace ${CERT_MANAGER_NAMESPACE}: ${ns.status} ${JSON.stringify(ns.body)}`);
      certManager = await startCertManager(options.certManagerBin ?? path.join(path.dirname(bin), 'cert-manager-controller'), kubeconfigPath, options.timeoutMs ?? 120_000);
    } catch (err) {
      await close();
      throw err;
    }
  }

  return {
    url,
    port: Number(new URL(url).port),
    kubeconfig,
    kubeconfigPath,
    caPem,
    token,
    startupMs: Date.now() - started,
    request,
    logs: () => stderr,
    certManagerLogs: () => certManager?.logs() ?? '',
    close,
  };
}

/** Where cert-manager keeps ClusterIssuers' Secrets (its --cluster-resource-namespace default). */
const CERT_MANAGER_NAMESPACE = 'cert-manager';

/**
 * cert-manager's controller (packages/control-plane/certmanager) against the admin kubeconfig,
 * without leader election; resolves once it printed its ready line (every controller started).
 */
async function startCertManager(bin, kubeconfigPath, timeoutMs) {
  if (!existsSync(bin)) throw new Error(`cert-manager controller binary not found at ${bin}: run \`npm run control-plane:build\``);
  const child = spawn(bin, [`--kubeconfig=${kubeconfigPath}`, `--cluster-resource-namespace=${CERT_MANAGER_NAMESPACE}`, '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cert-manager was not ready within ${timeoutMs / 1000} s`)), timeoutMs);
      let buf = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        buf += chunk;
        if (buf.includes('{"ready":true')) (clearTimeout(timer), resolve());
      });
      child.once('error', (err) => (clearTimeout(timer), reject(err)));
      void exited.then(({ code, signal }) => (clearTimeout(timer), reject(new Error(`cert-manager exited before it was ready (${signal ?? `exit ${code}`})`))));
    });
  } catch (err) {
    await stop();
    throw new Error(`${err.message}\n--- cert-manager stderr (tail) ---\n${stderr.slice(-8000)}`);
  }
  return { stop, logs: () => stderr };
}
