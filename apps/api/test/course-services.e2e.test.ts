import type { TChange } from '@portico/contracts';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangesClient, changesClient } from './support/changes.js';
import { type Pipeline, registerCluster, startPipeline } from './support/backends.js';

/**
 * The course's Services recreated through the API (issue 9): on a fresh simulator running the
 * course scenario (packages/kube-sim/scenarios/course.yaml), each Service is deleted with a
 * `delete` change and made again with the change a platform engineer would use — `expose` from
 * its workload or Pod, as the course does with kubectl, or the `service` form — and the live
 * object must equal the original apart from what the apiserver allocates. The scenario has
 * ClusterIP, NodePort (with a fixed nodePort) and LoadBalancer Services; no headless or
 * ExternalName one.
 */
let pipeline: Pipeline;
let sim: Simulator;
let editor: ChangesClient;

beforeAll(async () => {
  [pipeline, sim] = await Promise.all([startPipeline('course'), startSimulator({ scenario: 'course' })]);
  editor = changesClient(pipeline.t, pipeline.editorToken, await registerCluster(pipeline.t, pipeline.adminToken, { kubeconfig: sim.kubeconfig }, 'course'));
}, 60_000);

afterAll(async () => {
  await Promise.all([pipeline?.close(), sim?.close()]);
});

interface Row {
  namespace: string;
  name: string;
  /** The change that makes it again (namespace and name added). */
  request: Record<string, unknown>;
  /** Labels `expose` copies from its source, as kubectl does; the course's Services have none. */
  sourceLabels?: Record<string, string>;
  /** The request fixes the node ports: they must come back equal, not merely allocated. */
  fixedNodePorts?: boolean;
}

const rows: Row[] = [
  {
    namespace: 'demo',
    name: 'my-app-service',
    request: { type: 'expose', source: { kind: 'Pod', name: 'my-app' }, serviceType: 'ClusterIP', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
    sourceLabels: { app: 'my-app' },
  },
  {
    namespace: 'default',
    name: 'my-app-nodeport',
    request: { type: 'expose', source: { kind: 'Deployment', name: 'my-app' }, serviceType: 'NodePort', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30007 }] },
    sourceLabels: { app: 'my-app' },
    fixedNodePorts: true,
  },
  {
    namespace: 'default',
    name: 'my-app-loadbalancer',
    request: { type: 'expose', source: { kind: 'Deployment', name: 'my-app' }, serviceType: 'LoadBalancer', ports: [{ port: 80, targetPort: 8080 }] },
    sourceLabels: { app: 'my-app' },
  },
  { namespace: 'demo', name: 'service1', request: { type: 'service', selector: { app: 'service1' }, ports: [{ port: 80, targetPort: 80 }] } },
  { namespace: 'demo', name: 'service2', request: { type: 'expose', source: { kind: 'Deployment', name: 'backend-two' }, ports: [{ port: 80, targetPort: 80 }] } },
  { namespace: 'demo', name: 'service3', request: { type: 'service', selector: { app: 'service3' }, ports: [{ port: 80, targetPort: 80 }] } },
  { namespace: 'demo', name: 'kuard', request: { type: 'expose', source: { kind: 'Deployment', name: 'kuard' }, ports: [{ port: 80, targetPort: 8080 }] } },
];

type Service = { metadata: Record<string, any>; spec: Record<string, any> };
const liveService = (namespace: string, name: string) => structuredClone(sim.objects.get('v1', 'Service', namespace, name)) as Service | undefined;

/** The spec without what the apiserver allocates (cluster IPs, and node ports the request left to it). */
function comparableSpec(service: Service, fixedNodePorts: boolean): Record<string, any> {
  const spec = structuredClone(service.spec);
  for (const k of ['clusterIP', 'clusterIPs']) if (spec[k] !== 'None' && !(Array.isArray(spec[k]) && spec[k][0] === 'None')) spec[k] = 'allocated';
  for (const p of spec.ports ?? []) if (!fixedNodePorts && typeof p.nodePort === 'number') p.nodePort = 'allocated';
  if (typeof spec.healthCheckNodePort === 'number') spec.healthCheckNodePort = 'allocated';
  return spec;
}

describe('every Service of the course, deleted and recreated through the API', () => {
  it('the scenario holds the Services this table recreates, and no others', async () => {
    const services = sim.objects.list('v1', 'Service').filter((s) => s.metadata.namespace !== 'kube-system' && !(s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'));
    expect(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`).sort()).toEqual(rows.map((r) => `${r.namespace}/${r.name}`).sort());
  });

  for (const row of rows) {
    it(`${row.namespace}/${row.name} (${String((row.request as { serviceType?: string }).serviceType ?? 'ClusterIP')}, ${String(row.request.type)})`, async () => {
      const original = liveService(row.namespace, row.name)!;
      expect(original).toBeDefined();
      const { change: deletion } = await editor.previewAndSubmit({ type: 'delete', target: { kind: 'Service', namespace: row.namespace, name: row.name } });
      expect((await editor.settled(deletion.id)).state).toBe('applied');
      expect(liveService(row.namespace, row.name)).toBeUndefined();

      const { preview, change } = await editor.previewAndSubmit({ ...row.request, namespace: row.namespace, name: row.name });
      expect(preview.live.exists).toBe(false);
      const done: TChange = await editor.settled(change.id);
      expect(done.state, JSON.stringify(done.error)).toBe('applied');
      const recreated = liveService(row.namespace, row.name)!;
      expect(comparableSpec(recreated, !!row.fixedNodePorts)).toEqual(comparableSpec(original, !!row.fixedNodePorts));
      expect(recreated.metadata.labels ?? {}).toEqual({ ...(original.metadata.labels ?? {}), ...(row.sourceLabels ?? {}) });
      expect(recreated.metadata.annotations).toEqual(original.metadata.annotations);
      expect(done.result!.allocated.nodePorts.map((p) => p.nodePort)).toEqual((recreated.spec.ports as { nodePort?: number }[]).flatMap((p) => (p.nodePort ? [p.nodePort] : [])));
    });
  }
});
