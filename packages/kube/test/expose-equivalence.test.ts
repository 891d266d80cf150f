/**
 * Portico's Expose builds exactly the Service that `kubectl expose` creates (issue 9). For each
 * row of the table, real kubectl exposes a source in one namespace and `exposeService()`'s
 * manifest is created in another namespace holding the same sources; the two stored Services
 * must be equal apart from what the apiserver allocates or stamps (uid, timestamps,
 * resourceVersion, managedFields, cluster IPs, node ports). Every kubectl the suite already
 * uses (v1.31 from npm, v1.20 from Debian) runs against the simulator and, where the Go
 * toolchain built it, the real control plane.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKubectl120, ensureKubectl131, type ToolResult } from '../../kube-sim/test/kubectl-tools.js';
import { type ExposeOptions, type ExposeSource, ExposeError, exposeCommand, exposeService } from '../src/kinds/service-expose.js';
import { exposeSources } from './expose-sources.js';
import { clusterKinds, type TestCluster } from './real-cluster.js';

const SOURCE_NS = ['expose-kubectl', 'expose-portico'] as const;

interface Case {
  title: string;
  /** kubectl's resource type and name. */
  source: [string, string];
  options: ExposeOptions;
  /** kubectl and Portico both refuse it. */
  refused?: boolean;
}

/** Each row: the flags as Portico's options; the kubectl command line is derived from them (`exposeCommand`). */
const cases: Case[] = [
  { title: 'a Deployment, no flags (ports from its containers)', source: ['deployment', 'web'], options: {} },
  { title: '--port', source: ['deployment', 'web'], options: { ports: [80] } },
  { title: '--port --target-port (number)', source: ['deployment', 'web'], options: { ports: [80], targetPort: 8080 } },
  { title: '--port --target-port (container port name)', source: ['deployment', 'web'], options: { ports: [80], targetPort: 'http' } },
  { title: '--type=NodePort', source: ['deployment', 'web'], options: { ports: [80], type: 'NodePort' } },
  { title: '--type=LoadBalancer', source: ['deployment', 'web'], options: { ports: [80], type: 'LoadBalancer' } },
  { title: '--type=ClusterIP', source: ['deployment', 'web'], options: { ports: [80], type: 'ClusterIP' } },
  { title: 'headless (--cluster-ip=None)', source: ['deployment', 'web'], options: { clusterIp: 'None' } },
  { title: '--name', source: ['deployment', 'web'], options: { name: 'storefront', ports: [80] } },
  { title: '--protocol=UDP', source: ['deployment', 'web'], options: { ports: [5353], protocol: 'UDP' } },
  { title: 'a multi-container, multi-protocol Deployment, no flags', source: ['deployment', 'multi'], options: {} },
  { title: 'several ports in --port', source: ['deployment', 'multi'], options: { ports: [80, 443] } },
  { title: 'several ports with one --target-port', source: ['deployment', 'multi'], options: { ports: [80, 8080], targetPort: 'http' } },
  { title: '--protocol over a multi-protocol source', source: ['deployment', 'multi'], options: { protocol: 'TCP' } },
  { title: '--selector', source: ['deployment', 'web'], options: { ports: [80], selector: { app: 'web', version: 'v1' } } },
  { title: '--labels', source: ['deployment', 'web'], options: { ports: [80], labels: { owner: 'platform' } } },
  { title: '--external-ip', source: ['deployment', 'web'], options: { ports: [80], externalIp: '203.0.113.10' } },
  { title: '--session-affinity=ClientIP', source: ['deployment', 'web'], options: { ports: [80], sessionAffinity: 'ClientIP' } },
  { title: 'a ReplicaSet', source: ['replicaset', 'rs'], options: {} },
  { title: 'a Pod (selector from its labels, two protocols)', source: ['pod', 'pod'], options: {} },
  { title: 'a Service (its selector and ports)', source: ['service', 'svc'], options: { name: 'svc-copy' } },
  { title: 'a Service, --port and --target-port', source: ['service', 'svc'], options: { name: 'svc-8080', ports: [8080], targetPort: 'web' } },
  { title: 'a portless Deployment, headless', source: ['deployment', 'portless'], options: { clusterIp: 'None' } },
  { title: 'a portless Deployment without --port is refused', source: ['deployment', 'portless'], options: {}, refused: true },
  { title: 'a matchExpressions selector is refused', source: ['deployment', 'expressions'], options: { ports: [80] }, refused: true },
];

/** What the apiserver allocates or stamps, or what kubectl and Portico set by design differently (the namespace). */
function comparable(service: Record<string, any>): Record<string, unknown> {
  const { metadata, spec } = structuredClone(service);
  for (const k of ['uid', 'creationTimestamp', 'resourceVersion', 'managedFields', 'namespace', 'selfLink', 'generation']) delete metadata[k];
  for (const k of ['clusterIP', 'clusterIPs']) if (spec[k] !== 'None' && !(Array.isArray(spec[k]) && spec[k][0] === 'None')) delete spec[k];
  for (const p of spec.ports ?? []) delete p.nodePort;
  delete spec.healthCheckNodePort;
  return { metadata, spec };
}

const kubectls: [string, ToolResult][] = [
  ['kubectl v1.31', ensureKubectl131()],
  ['kubectl v1.20', ensureKubectl120()],
];
const { kinds } = clusterKinds();

describe('exposeCommand', () => {
  it('spells the flags kubectl takes', () => {
    const source = exposeSources('shop')[0].body as unknown as ExposeSource;
    expect(exposeCommand({ ...source, metadata: { ...source.metadata, namespace: 'shop' } }, { ports: [80, 443], targetPort: 'http', type: 'NodePort', labels: { a: 'b', c: 'd' } })).toBe(
      'kubectl expose deployment web -n shop --port=80,443 --target-port=http --type=NodePort --labels=a=b,c=d',
    );
  });
});

describe.each(kinds)('kubectl expose and Portico create the same Service on the $name', (kind) => {
  let cluster: TestCluster;
  let home: string;
  let kubeconfig: string;

  /** A REST call with the admin token; 2xx or throws with the apiserver's answer. */
  async function call(method: string, path: string, body?: unknown): Promise<Record<string, any>> {
    const { request } = await import('node:https');
    const url = new URL(path, `${cluster.url}/`);
    return new Promise((resolve, reject) => {
      const req = request(url, { method, ca: cluster.caPem, headers: { authorization: `Bearer ${cluster.tokens.admin}`, 'content-type': 'application/json', accept: 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve(text ? JSON.parse(text) : {}) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 400)}`))));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  beforeAll(async () => {
    cluster = await kind.start();
    home = mkdtempSync(join(tmpdir(), 'portico-expose-'));
    kubeconfig = join(home, 'kubeconfig');
    writeFileSync(kubeconfig, cluster.kubeconfig);
    for (const ns of SOURCE_NS) {
      await call('POST', 'api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      for (const s of exposeSources(ns)) await call('POST', s.path, s.body);
    }
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  describe.each(kubectls)('%s', (label, tool) => {
    if (!tool.ok) console.warn(`[expose] ${label} is not available here, its cases are skipped: ${tool.reason}`);
    const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        if (!tool.ok) return resolve({ code: -1, stdout: '', stderr: tool.reason });
        execFile(
          tool.tool.path,
          ['--kubeconfig', kubeconfig, ...args],
          { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECACHEDIR: join(home, `cache-${label.replace(/\W/g, '')}`) }, timeout: 60_000 },
          (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
        );
      });

    for (const c of cases) {
      it.skipIf(!tool.ok)(c.title, async () => {
        const [type, name] = c.source;
        const source = (await call(
          'GET',
          exposeSources(SOURCE_NS[1]).find((s) => s.body.metadata && (s.body.metadata as { name: string }).name === name)!.path + `/${name}`,
        )) as unknown as ExposeSource;
        const serviceName = c.options.name ?? name;
        const command = exposeCommand({ ...source, kind: source.kind }, c.options, SOURCE_NS[0])
          .split(' ')
          .slice(1);
        expect(command.slice(0, 3)).toEqual(['expose', type, name]);
        const k = await run(command);

        let manifest: ReturnType<typeof exposeService> | undefined;
        let refusal: unknown;
        try {
          manifest = exposeService(source, c.options);
        } catch (err) {
          refusal = err;
        }
        if (c.refused) {
          expect(k.code, `kubectl accepted: ${k.stdout}`).not.toBe(0);
          expect(refusal).toBeInstanceOf(ExposeError);
          return;
        }
        expect(k.code, k.stderr).toBe(0);
        expect(refusal).toBeUndefined();
        try {
          await call('POST', `api/v1/namespaces/${SOURCE_NS[1]}/services?fieldManager=portico`, manifest);
          const byKubectl = await call('GET', `api/v1/namespaces/${SOURCE_NS[0]}/services/${serviceName}`);
          const byPortico = await call('GET', `api/v1/namespaces/${SOURCE_NS[1]}/services/${serviceName}`);
          expect(comparable(byPortico)).toEqual(comparable(byKubectl));
        } finally {
          await call('DELETE', `api/v1/namespaces/${SOURCE_NS[0]}/services/${serviceName}`).catch(() => undefined);
          await call('DELETE', `api/v1/namespaces/${SOURCE_NS[1]}/services/${serviceName}`).catch(() => undefined);
        }
      });
    }
  });
});
