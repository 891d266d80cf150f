import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TChange, TChangePreview } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKubectl120, ensureKubectl131, type ToolResult } from '../../../packages/kube-sim/test/kubectl-tools.js';
import { container, exposeSources, podTemplate } from '../../../packages/kube/test/expose-sources.js';
import { type Backend, type Pipeline, backendKinds, startPipeline, createNamespace, createObjects, registerCluster } from './support/backends.js';
import { changesClient } from './support/changes.js';

/**
 * Issue 9's kubectl equivalence, through Portico's API: for each row, real `kubectl expose`
 * (every kubectl the suite uses: v1.31 from npm, v1.20 from Debian) creates a Service, and the
 * same request submitted to the API as an `expose` change is applied by the real worker process
 * into the same namespace under another name. The two live Services must be equal apart from
 * their names and what the apiserver stamps or allocates. Runs on the simulator and on the real
 * control plane. The table extends packages/kube/test/expose-equivalence.test.ts (which checks
 * the builder alone): here each row states kubectl's flags and the API request independently.
 */
const NS = 'expose-api';

/** The sources every row exposes: the builder test's, and two of the API's own. */
const sources: { path: string; body: Record<string, unknown> }[] = [
  ...exposeSources(NS),
  {
    path: `/apis/apps/v1/namespaces/${NS}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dns', labels: { app: 'dns' } },
      spec: {
        selector: { matchLabels: { app: 'dns' } },
        template: podTemplate({ app: 'dns' }, [
          container('dns', [
            { containerPort: 53, protocol: 'UDP', name: 'dns' },
            { containerPort: 53, protocol: 'TCP', name: 'dns-tcp' },
          ]),
        ]),
      },
    },
  },
  {
    path: `/api/v1/namespaces/${NS}/services`,
    body: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc-np' },
      spec: { type: 'NodePort', selector: { app: 'web' }, sessionAffinity: 'ClientIP', ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] },
    },
  },
];

interface Row {
  title: string;
  /** kubectl's arguments after `expose` (the name and namespace are added). */
  kubectl: string[];
  /** The API's expose request, without namespace and name. */
  request: Record<string, unknown>;
  /** The flags Portico's preview prints, when they differ from `kubectl` while saying the same. */
  previewSays?: string[];
  /** kubectl and Portico both refuse it. */
  refused?: boolean;
  /**
   * Where an older kubectl builds another Service than the current one, Portico follows the
   * current one: the older kubectl's result is checked to be the documented one, not compared.
   */
  olderKubectl?: { label: string; refuses: boolean; why: string };
}

const deployment = (name: string) => ({ source: { kind: 'Deployment', name } });
const WEB = deployment('web');
const MULTI = deployment('multi');

const rows: Row[] = [
  { title: 'a Deployment, no flags (ports from its containers)', kubectl: ['deployment', 'web'], request: WEB },
  { title: '--port', kubectl: ['deployment', 'web', '--port=80'], request: { ...WEB, ports: [{ port: 80 }] } },
  { title: '--port --target-port (number)', kubectl: ['deployment', 'web', '--port=80', '--target-port=8080'], request: { ...WEB, ports: [{ port: 80, targetPort: 8080 }] } },
  { title: '--port --target-port (container port name)', kubectl: ['deployment', 'web', '--port=80', '--target-port=http'], request: { ...WEB, ports: [{ port: 80, targetPort: 'http' }] } },
  { title: '--type=ClusterIP', kubectl: ['deployment', 'web', '--port=80', '--type=ClusterIP'], request: { ...WEB, ports: [{ port: 80 }], serviceType: 'ClusterIP' } },
  { title: '--type=NodePort', kubectl: ['deployment', 'web', '--port=80', '--type=NodePort'], request: { ...WEB, ports: [{ port: 80 }], serviceType: 'NodePort' } },
  { title: '--type=LoadBalancer', kubectl: ['deployment', 'web', '--port=80', '--type=LoadBalancer'], request: { ...WEB, ports: [{ port: 80 }], serviceType: 'LoadBalancer' } },
  {
    title: '--type=LoadBalancer --load-balancer-ip',
    kubectl: ['deployment', 'web', '--port=80', '--type=LoadBalancer', '--load-balancer-ip=203.0.113.20'],
    request: { ...WEB, ports: [{ port: 80 }], serviceType: 'LoadBalancer', loadBalancerIP: '203.0.113.20' },
  },
  { title: 'headless (--cluster-ip=None), ports from the containers', kubectl: ['deployment', 'web', '--cluster-ip=None'], request: { ...WEB, headless: true } },
  { title: 'headless with --port', kubectl: ['deployment', 'web', '--port=80', '--cluster-ip=None'], request: { ...WEB, ports: [{ port: 80 }], headless: true } },
  { title: '--protocol=UDP', kubectl: ['deployment', 'web', '--port=5353', '--protocol=UDP'], request: { ...WEB, ports: [{ port: 5353, protocol: 'UDP' }] } },
  { title: 'a multi-container, multi-protocol Deployment, no flags', kubectl: ['deployment', 'multi'], request: MULTI },
  { title: 'several ports in --port', kubectl: ['deployment', 'multi', '--port=80,443'], request: { ...MULTI, ports: [{ port: 80 }, { port: 443 }] } },
  {
    title: 'several ports with one --target-port',
    kubectl: ['deployment', 'multi', '--port=80,8080', '--target-port=http'],
    request: {
      ...MULTI,
      ports: [
        { port: 80, targetPort: 'http' },
        { port: 8080, targetPort: 'http' },
      ],
    },
  },
  {
    title: '--protocol over a multi-protocol source (the API lists the ports)',
    kubectl: ['deployment', 'multi', '--protocol=TCP'],
    request: { ...MULTI, ports: [80, 443, 53, 9090].map((port) => ({ port, protocol: 'TCP' })) },
    previewSays: ['deployment', 'multi', '--port=80,443,53,9090', '--protocol=TCP'],
  },
  { title: 'a multi-port Deployment as NodePort', kubectl: ['deployment', 'multi', '--type=NodePort'], request: { ...MULTI, serviceType: 'NodePort' } },
  { title: '--selector', kubectl: ['deployment', 'web', '--port=80', '--selector=app=web,version=v1'], request: { ...WEB, ports: [{ port: 80 }], selector: { app: 'web', version: 'v1' } } },
  { title: '--labels', kubectl: ['deployment', 'web', '--port=80', '--labels=owner=platform,tier=front'], request: { ...WEB, ports: [{ port: 80 }], labels: { owner: 'platform', tier: 'front' } } },
  { title: '--external-ip', kubectl: ['deployment', 'web', '--port=80', '--external-ip=203.0.113.10'], request: { ...WEB, ports: [{ port: 80 }], externalIPs: ['203.0.113.10'] } },
  { title: '--session-affinity=ClientIP', kubectl: ['deployment', 'web', '--port=80', '--session-affinity=ClientIP'], request: { ...WEB, ports: [{ port: 80 }], sessionAffinity: 'ClientIP' } },
  {
    title: 'NodePort with labels, selector, external IP and session affinity together',
    kubectl: ['deployment', 'web', '--port=443', '--target-port=http', '--type=NodePort', '--selector=app=web', '--labels=owner=platform', '--external-ip=203.0.113.11', '--session-affinity=ClientIP'],
    request: {
      ...WEB,
      ports: [{ port: 443, targetPort: 'http' }],
      serviceType: 'NodePort',
      selector: { app: 'web' },
      labels: { owner: 'platform' },
      externalIPs: ['203.0.113.11'],
      sessionAffinity: 'ClientIP',
    },
  },
  { title: 'a ReplicaSet', kubectl: ['replicaset', 'rs'], request: { source: { kind: 'ReplicaSet', name: 'rs' } } },
  {
    title: 'a ReplicaSet as NodePort with --port --target-port',
    kubectl: ['replicaset', 'rs', '--port=80', '--target-port=5000', '--type=NodePort'],
    request: { source: { kind: 'ReplicaSet', name: 'rs' }, ports: [{ port: 80, targetPort: 5000 }], serviceType: 'NodePort' },
  },
  { title: 'a Pod (selector from its labels, two protocols)', kubectl: ['pod', 'pod'], request: { source: { kind: 'Pod', name: 'pod' } } },
  {
    title: 'a Pod with --port --target-port',
    kubectl: ['pod', 'pod', '--port=8000', '--target-port=3000'],
    request: { source: { kind: 'Pod', name: 'pod' }, ports: [{ port: 8000, targetPort: 3000 }] },
  },
  { title: 'a Service (its selector, ports and labels)', kubectl: ['service', 'svc'], request: { source: { kind: 'Service', name: 'svc' } } },
  {
    title: 'a Service, --port and --target-port (port name)',
    kubectl: ['service', 'svc', '--port=8080', '--target-port=web'],
    request: { source: { kind: 'Service', name: 'svc' }, ports: [{ port: 8080, targetPort: 'web' }] },
  },
  { title: 'a Service as LoadBalancer', kubectl: ['service', 'svc', '--type=LoadBalancer'], request: { source: { kind: 'Service', name: 'svc' }, serviceType: 'LoadBalancer' } },
  {
    title: 'one port number in TCP and UDP (a DNS server), no flags',
    kubectl: ['deployment', 'dns'],
    request: deployment('dns'),
    olderKubectl: { label: 'kubectl v1.20', refuses: true, why: 'v1.20 sends port 53/TCP twice, which the apiserver refuses; v1.31 sends port-1-udp and port-1-tcp' },
  },
  {
    title: 'one port number in TCP and UDP, --port',
    kubectl: ['deployment', 'dns', '--port=53'],
    request: { ...deployment('dns'), ports: [{ port: 53 }] },
    olderKubectl: { label: 'kubectl v1.20', refuses: false, why: 'v1.20 makes one unnamed 53/TCP port; v1.31 one port per protocol' },
  },
  { title: 'a NodePort Service (nodePort and affinity not copied)', kubectl: ['service', 'svc-np'], request: { source: { kind: 'Service', name: 'svc-np' } } },
  {
    title: 'a Pod with --selector and --labels',
    kubectl: ['pod', 'pod', '--port=3000', '--selector=run=pod', '--labels=exposed=pod'],
    request: { source: { kind: 'Pod', name: 'pod' }, ports: [{ port: 3000 }], selector: { run: 'pod' }, labels: { exposed: 'pod' } },
  },
  { title: 'a portless Deployment, headless', kubectl: ['deployment', 'portless', '--cluster-ip=None'], request: { ...deployment('portless'), headless: true } },
  { title: 'a portless Deployment without --port is refused', kubectl: ['deployment', 'portless'], request: deployment('portless'), refused: true },
  { title: 'a matchExpressions selector is refused', kubectl: ['deployment', 'expressions', '--port=80'], request: { ...deployment('expressions'), ports: [{ port: 80 }] }, refused: true },
];

const kubectls: [string, ToolResult][] = [
  ['kubectl v1.31', ensureKubectl131()],
  ['kubectl v1.20', ensureKubectl120()],
];
for (const [label, tool] of kubectls) if (!tool.ok) console.warn(`[expose] ${label} is not available here, its rows are skipped: ${tool.reason}`);

const nameOf = (row: number, who: string) => `e${String(row).padStart(2, '0')}-${who}`;
const kubectlId = (label: string) => label.replace(/\W/g, '').replace('kubectlv1', 'k1');

/** What differs by design (the name) or is stamped or allocated by the apiserver; all else must be equal. */
function comparable(service: Record<string, any>): Record<string, unknown> {
  const { metadata, spec } = structuredClone(service);
  for (const k of ['name', 'uid', 'creationTimestamp', 'resourceVersion', 'managedFields', 'selfLink', 'generation']) delete metadata[k];
  for (const k of ['clusterIP', 'clusterIPs']) if (spec[k] !== 'None' && !(Array.isArray(spec[k]) && spec[k][0] === 'None')) delete spec[k];
  for (const p of spec.ports ?? []) if (typeof p.nodePort === 'number') p.nodePort = 'allocated';
  if (typeof spec.healthCheckNodePort === 'number') spec.healthCheckNodePort = 'allocated';
  return { metadata, spec };
}

/** Runs `tasks` with at most `limit` at once (2 shared cores: kubectl and the worker compete). */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
}

let pipeline: Pipeline;

beforeAll(async () => {
  pipeline = await startPipeline('expose');
}, 60_000);

afterAll(async () => {
  await pipeline?.close();
});

interface PorticoResult {
  preview: { status: number; body: TChangePreview | { invalid_params: { name: string; reason: string }[] } };
  change: TChange;
}

describe.each(backendKinds())('kubectl expose and Portico’s API create the same Service on the $name', (kind) => {
  let backend: Backend;
  let home: string;
  const portico = new Map<number, PorticoResult>();
  const byKubectl = new Map<string, { code: number; stderr: string }>();
  const failures = new Map<string, unknown>();

  const runKubectl = (label: string, tool: ToolResult, kubeconfig: string, args: string[]) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      if (!tool.ok) return resolve({ code: -1, stderr: tool.reason });
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECACHEDIR: join(home, `cache-${kubectlId(label)}`) };
      execFile(tool.tool.path, ['--kubeconfig', kubeconfig, ...args], { env, timeout: 60_000 }, (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }));
    });

  beforeAll(async () => {
    backend = await kind.start();
    home = mkdtempSync(join(tmpdir(), 'portico-expose-api-'));
    const kubeconfig = join(home, 'kubeconfig');
    writeFileSync(kubeconfig, backend.kubeconfig);
    await createNamespace(backend, NS);
    await createObjects(backend, sources);
    const clusterId = await registerCluster(pipeline.t, pipeline.adminToken, backend, kind.name === 'simulator' ? 'expose-sim' : 'expose-real');
    const editor = changesClient(pipeline.t, pipeline.editorToken, clusterId);

    const tasks: [string, () => Promise<void>][] = [];
    rows.forEach((row, i) => {
      tasks.push([
        `${i}`,
        async () => {
          const request = { type: 'expose', namespace: NS, name: nameOf(i, 'portico'), ...row.request };
          const preview = await editor.preview(request);
          const submitted = await editor.submit({ change: request, ...(preview.status === 200 ? { baseResourceVersion: (preview.body as TChangePreview).baseResourceVersion } : {}) });
          expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
          portico.set(i, { preview: { status: preview.status, body: preview.body as PorticoResult['preview']['body'] }, change: await editor.settled((submitted.body as TChange).id, 60_000) });
        },
      ]);
      for (const [label, tool] of kubectls) {
        if (tool.ok)
          tasks.push([
            `${i}/${label}`,
            async () => void byKubectl.set(`${i}/${label}`, await runKubectl(label, tool, kubeconfig, ['expose', ...row.kubectl, '-n', NS, `--name=${nameOf(i, kubectlId(label))}`])),
          ]);
      }
    });
    // A row that fails here fails its own test below, not the whole table.
    await pool(
      tasks.map(
        ([key, task]) =>
          () =>
            task().catch((err: unknown) => void failures.set(key, err)),
      ),
      4,
    );
  }, 240_000);

  afterAll(async () => {
    await backend?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const getService = async (name: string) => {
    const res = await backend.request('GET', `/api/v1/namespaces/${NS}/services/${name}`);
    expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };

  describe.each(kubectls)('%s', (label, tool) => {
    rows.forEach((row, i) => {
      it.skipIf(!tool.ok)(row.title, async () => {
        for (const key of [`${i}`, `${i}/${label}`]) if (failures.has(key)) throw failures.get(key);
        const k = byKubectl.get(`${i}/${label}`)!;
        const p = portico.get(i)!;
        if (row.olderKubectl?.label === label) {
          expect(k.code === 0, row.olderKubectl.why).toBe(!row.olderKubectl.refuses);
          return;
        }
        if (row.refused) {
          expect(k.code, `kubectl accepted ${row.kubectl.join(' ')}`).not.toBe(0);
          expect(p.preview.status).toBe(400);
          expect((p.preview.body as { invalid_params: { name: string }[] }).invalid_params[0].name).toMatch(/^change\./);
          expect(p.change.state).toBe('failed');
          expect(p.change.error!.reason).toBe('Invalid');
          expect((await backend.request('GET', `/api/v1/namespaces/${NS}/services/${nameOf(i, 'portico')}`)).status).toBe(404);
          return;
        }
        expect(k.code, k.stderr).toBe(0);
        expect(p.preview.status, JSON.stringify(p.preview.body)).toBe(200);
        expect(p.change.state, JSON.stringify(p.change.error)).toBe('applied');
        // The preview's kubectl command says the same flags (their order aside).
        const command = (p.preview.body as TChangePreview).kubectl[0].split(' ');
        expect(command.slice(0, 2)).toEqual(['kubectl', 'expose']);
        expect(command.slice(2).sort()).toEqual([...(row.previewSays ?? row.kubectl), '-n', NS, `--name=${nameOf(i, 'portico')}`].sort());
        const [fromKubectl, fromPortico] = [await getService(nameOf(i, kubectlId(label))), await getService(nameOf(i, 'portico'))];
        expect(comparable(fromPortico)).toEqual(comparable(fromKubectl));
      });
    });
  });
});
