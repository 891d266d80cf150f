import type { TChange, TChangePreview } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, type Pipeline, backendKinds, startPipeline, createNamespace, createObjects, registerCluster } from './support/backends.js';
import { type ChangesClient, changesClient } from './support/changes.js';

/**
 * The change pipeline on both backends (issue 12): the same test code against the simulator and
 * a real kube-apiserver, through the real API and the real worker process. Each backend is
 * registered through the API with its kubeconfig; the live objects are read back through the
 * cluster's REST API, so a simulator answer counts only where the real apiserver gives it too.
 */
let pipeline: Pipeline;

beforeAll(async () => {
  pipeline = await startPipeline('backends');
}, 60_000);

afterAll(async () => {
  await pipeline?.close();
});

const NS = 'pipeline';
type Service = { metadata: Record<string, any>; spec: Record<string, any> };

describe.each(backendKinds())('the change pipeline on the $name', (kind) => {
  let backend: Backend;
  let editor: ChangesClient;
  const svcPath = (name: string) => `/api/v1/namespaces/${NS}/services/${name}`;
  const live = async (name: string) => (await backend.request<Service>('GET', svcPath(name))).body;
  const exists = async (name: string) => (await backend.request('GET', svcPath(name))).status === 200;
  const managers = (obj: { metadata: Record<string, any> }) => (obj.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
  /** An out-of-band write by another tool, through the cluster's API (server-side apply as `other-team`, taking what it names). */
  const otherTeamApplies = async (manifest: object) => {
    const res = await backend.request('PATCH', `${svcPath((manifest as Service).metadata.name)}?fieldManager=other-team&force=true`, manifest, 'application/apply-patch+yaml');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    backend = await kind.start();
    await createNamespace(backend, NS);
    await createObjects(backend, [
      {
        path: `/apis/apps/v1/namespaces/${NS}/deployments`,
        body: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', labels: { app: 'web' } },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'web' } },
            template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] } },
          },
        },
      },
    ]);
    const clusterId = await registerCluster(pipeline.t, pipeline.adminToken, backend, kind.name === 'simulator' ? 'pipeline-sim' : 'pipeline-real');
    editor = changesClient(pipeline.t, pipeline.editorToken, clusterId);
  }, 180_000);

  afterAll(async () => {
    await backend?.close();
  });

  const exposeWeb = { type: 'expose', namespace: NS, source: { kind: 'Deployment', name: 'web' }, name: 'web-np', serviceType: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] };
  const editWeb = { type: 'service', namespace: NS, name: 'web-np', serviceType: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }], sessionAffinity: 'ClientIP' };
  let created: TChange;
  let edited: TChange;
  let nodePort: number;

  it('exposes a Deployment as NodePort: applied by the worker as portico, with the nodePort the apiserver allocated', async () => {
    const { preview, change } = await editor.previewAndSubmit(exposeWeb);
    expect(preview.kubectl).toEqual([`kubectl expose deployment web -n ${NS} --name=web-np --port=80 --target-port=http --type=NodePort`]);
    expect(preview.diff).toMatch(/nodePort: <allocated on apply>/);
    created = await editor.settled(change.id);
    expect(created.state, JSON.stringify(created.error)).toBe('applied');
    const svc = await live('web-np');
    nodePort = svc.spec.ports[0].nodePort as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(created.result!.allocated.nodePorts).toEqual([{ port: 80, protocol: 'TCP', nodePort }]);
    expect(created.result!.allocated.clusterIP).toBe(svc.spec.clusterIP);
    expect(created.result!.uid).toBe(svc.metadata.uid);
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(managers(svc)).toContain('portico/Apply');
  });

  it('edits it (session affinity): applied, the allocated nodePort kept', async () => {
    const { preview, change } = await editor.previewAndSubmit(editWeb);
    expect(preview.diff).toMatch(/-\s+sessionAffinity: None\n\+\s+sessionAffinity: ClientIP/);
    edited = await editor.settled(change.id);
    expect(edited.state, JSON.stringify(edited.error)).toBe('applied');
    const svc = await live('web-np');
    expect(svc.spec.sessionAffinity).toBe('ClientIP');
    expect(svc.spec.ports[0].nodePort).toBe(nodePort);
    expect((edited.before as Service).spec.sessionAffinity).toBe('None');
  });

  it('reverts the edit: the Service as it was before it', async () => {
    const res = await editor.action(edited.id, 'revert', {});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const revert = await editor.settled((res.body as TChange).id);
    expect(revert.state, JSON.stringify(revert.error)).toBe('applied');
    expect(revert.revertOfId).toBe(edited.id);
    const svc = await live('web-np');
    expect(svc.spec.sessionAffinity).toBe('None');
    expect(svc.spec.ports[0].nodePort).toBe(nodePort);
    expect(svc.metadata.labels).toEqual({ app: 'web' });
  });

  it('reverts the creation: refused while the Service has changed since, deleted when told to apply over newer changes', async () => {
    const stale = await editor.settled(((await editor.action(created.id, 'revert', {})).body as TChange).id);
    expect(stale.state).toBe('failed');
    expect(stale.error!.reason).toBe('Conflict');
    expect(await exists('web-np')).toBe(true);
    const res = await editor.action(created.id, 'revert', { overwriteNewer: true });
    const revert = await editor.settled((res.body as TChange).id);
    expect(revert.state, JSON.stringify(revert.error)).toBe('applied');
    expect(revert.operation).toBe('delete');
    expect(await exists('web-np')).toBe(false);
  });

  const shared = (targetPort: number, extra: object = {}) => ({ type: 'service', namespace: NS, name: 'shared', selector: { app: 'web' }, ports: [{ port: 80, targetPort }], ...extra });

  it('reports a field another manager owns, naming the manager, and takes it only when forced', async () => {
    expect((await editor.settled((await editor.previewAndSubmit(shared(8080))).change.id)).state).toBe('applied');
    await otherTeamApplies({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'shared', namespace: NS }, spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 9090 }] } });

    const { preview, change } = await editor.previewAndSubmit(shared(8081));
    expect(preview.conflicts).toContainEqual(expect.objectContaining({ manager: 'other-team' }));
    expect(preview.warnings.map((w) => w.code)).toContain('field_owned_by_other_manager');
    const refused = await editor.settled(change.id);
    expect(refused.state).toBe('failed');
    expect(refused.error!.reason).toBe('FieldManagerConflict');
    expect(refused.error!.conflicts.map((c) => c.manager)).toEqual(['other-team']);
    expect(refused.error!.conflicts[0].field).toMatch(/targetPort/);
    expect((await live('shared')).spec.ports[0].targetPort).toBe(9090);

    const forced = await editor.settled((await editor.previewAndSubmit(shared(8081), { force: true })).change.id);
    expect(forced.state, JSON.stringify(forced.error)).toBe('applied');
    expect(forced.force).toBe(true);
    expect((await live('shared')).spec.ports[0].targetPort).toBe(8081);
  });

  it('fails with Conflict when the object changed after the preview', async () => {
    const change = shared(8081, { sessionAffinity: 'ClientIP' });
    const preview = (await editor.preview(change)).body as TChangePreview;
    const touched = await backend.request('PATCH', `${svcPath('shared')}?fieldManager=other-team`, { metadata: { labels: { touched: 'yes' } } }, 'application/merge-patch+json');
    expect(touched.status, JSON.stringify(touched.body)).toBe(200);
    const stale = await editor.settled(((await editor.submit({ change, baseResourceVersion: preview.baseResourceVersion })).body as TChange).id);
    expect(stale.state).toBe('failed');
    expect(stale.error!.reason).toBe('Conflict');
    expect(stale.error!.message).toMatch(/changed after the preview/);
    expect((await live('shared')).spec.sessionAffinity).toBe('None');
  });

  let deletion: TChange;

  it('deletes a Service', async () => {
    const { preview, change } = await editor.previewAndSubmit({ type: 'delete', target: { kind: 'Service', namespace: NS, name: 'shared' } });
    expect(preview.operation).toBe('delete');
    deletion = await editor.settled(change.id);
    expect(deletion.state, JSON.stringify(deletion.error)).toBe('applied');
    expect((deletion.before as Service).metadata.name).toBe('shared');
    expect(await exists('shared')).toBe(false);
  });

  it('reverts the deletion: the Service back with the cluster IP it had', async () => {
    const res = await editor.action(deletion.id, 'revert', {});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const revert = await editor.settled((res.body as TChange).id);
    expect(revert.state, JSON.stringify(revert.error)).toBe('applied');
    const svc = await live('shared');
    expect(svc.spec.clusterIP).toBe((deletion.before as Service).spec.clusterIP);
    expect(svc.spec.ports[0].targetPort).toBe(8081);
    expect(svc.metadata.labels).toEqual({ touched: 'yes' });
  });

  it('previews a LoadBalancer with externalTrafficPolicy Local: every port the cluster will allocate is said to be so', async () => {
    const res = await editor.preview({ ...exposeWeb, name: 'web-lb', serviceType: 'LoadBalancer', externalTrafficPolicy: 'Local' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const diff = (res.body as TChangePreview).diff;
    expect(diff).toMatch(/\+\s+healthCheckNodePort: <allocated on apply>/);
    expect(diff).toMatch(/\+\s+nodePort: <allocated on apply>/);
    expect(diff).not.toMatch(/: \d{5}\n/);
  });

  it("changes a Service's type through the forms: ClusterIP → NodePort → ClusterIP → ExternalName → ClusterIP", async () => {
    const morph = (extra: object) => ({ type: 'service', namespace: NS, name: 'morph', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...extra });
    const apply = async (change: object) => {
      const done = await editor.settled((await editor.previewAndSubmit(change)).change.id);
      expect(done.state, JSON.stringify(done.error)).toBe('applied');
      return live('morph');
    };
    const asClusterIP = await apply(morph({}));
    expect(asClusterIP.spec.clusterIP).toMatch(/^10\./);
    const asNodePort = await apply(morph({ serviceType: 'NodePort' }));
    expect(asNodePort.spec.clusterIP).toBe(asClusterIP.spec.clusterIP);
    expect(asNodePort.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const back = await apply(morph({ serviceType: 'ClusterIP' }));
    expect(back.spec.type).toBe('ClusterIP');
    expect(back.spec.ports[0].nodePort).toBeUndefined();
    const external = await apply({ type: 'externalName', namespace: NS, name: 'morph', externalName: 'db.example.com' });
    expect(external.spec).toMatchObject({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(external.spec.clusterIP).toBeUndefined();
    expect(external.spec.selector).toBeUndefined();
    expect(external.spec.ports).toBeUndefined();
    const again = await apply(morph({}));
    expect(again.spec.type).toBe('ClusterIP');
    expect(again.spec.clusterIP).toMatch(/^10\./);
    expect(again.spec.externalName).toBeUndefined();
  });

  const ingressYaml = (paths: string[]) =>
    [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: web',
      `  namespace: ${NS}`,
      'spec:',
      '  rules:',
      '    - host: web.example.com',
      '      http:',
      '        paths:',
      ...paths.flatMap((p) => [
        `          - path: ${p}`,
        '            pathType: Prefix',
        '            backend:',
        '              service:',
        '                name: web',
        '                port: { number: 80 }',
      ]),
    ].join('\n');

  it('creates and edits an Ingress as YAML', async () => {
    const path = `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses/web`;
    const first = await editor.settled((await editor.previewAndSubmit({ type: 'yaml', yaml: ingressYaml(['/']) })).change.id);
    expect(first.state, JSON.stringify(first.error)).toBe('applied');
    const { preview, change } = await editor.previewAndSubmit({ type: 'yaml', yaml: ingressYaml(['/', '/api']) });
    expect(preview.live.exists).toBe(true);
    expect(preview.diff).toMatch(/\+\s+- path: \/api/);
    const edit = await editor.settled(change.id);
    expect(edit.state, JSON.stringify(edit.error)).toBe('applied');
    const ingress = (await backend.request<{ spec: { rules: { http: { paths: { path: string }[] } }[] } }>('GET', path)).body;
    expect(ingress.spec.rules[0].http.paths.map((p) => p.path)).toEqual(['/', '/api']);
  });

  it("refuses what only the apiserver's dry-run finds, on the request's fields: a nodePort in use, a repeated port, source ranges, an immutable cluster IP, an Ingress path", async () => {
    const taken = await backend.request<Service>('POST', `/api/v1/namespaces/${NS}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'holder' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    const held = taken.body.spec.ports[0].nodePort as number;
    const clash = { ...exposeWeb, name: 'clash', ports: [{ port: 80, targetPort: 'http', nodePort: held }] };
    const res = await editor.preview(clash);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    const params = (res.body as { invalid_params: { name: string; reason: string }[] }).invalid_params;
    expect(params).toContainEqual({ name: 'change.ports.0.nodePort', reason: expect.stringMatching(/already allocated/) });
    // Submitted anyway: the worker's apply meets the same refusal, worded on the same field.
    const failed = await editor.settled(((await editor.submit({ change: clash })).body as TChange).id);
    expect(failed.state).toBe('failed');
    expect(failed.error!.reason).toBe('Invalid');
    expect(failed.error!.fields).toContainEqual({ name: 'change.ports.0.nodePort', reason: expect.stringMatching(/already allocated/) });
    expect(await exists('clash')).toBe(false);

    // Two ports 53/TCP: the apiserver cannot even type the apply config and answers a bare 500 — still the object's fault, said at once.
    const duplicate = {
      type: 'yaml',
      yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: dup, namespace: ${NS} }\nspec:\n  selector: { app: web }\n  ports:\n    - { name: a, port: 53, protocol: TCP }\n    - { name: b, port: 53, protocol: TCP }\n`,
    };
    const dupPreview = await editor.preview(duplicate);
    expect(dupPreview.status, JSON.stringify(dupPreview.body)).toBe(422);
    expect((dupPreview.body as { code: string }).code).toBe('change_refused');
    expect((dupPreview.body as { invalid_params: { name: string; reason: string }[] }).invalid_params).toEqual([
      { name: 'change.yaml', reason: expect.stringMatching(/^spec\.ports: duplicate entries for key \[port=53,protocol="TCP"\]/) },
    ]);
    const dupFailed = await editor.settled(((await editor.submit({ change: duplicate })).body as TChange).id);
    expect(dupFailed.state).toBe('failed');
    expect(dupFailed.error!.reason).toBe('Invalid');
    expect(dupFailed.attempts).toBe(1);
    expect(dupFailed.error!.fields.map((f) => f.name)).toEqual(['change.yaml']);

    const ranges = await editor.preview({ ...exposeWeb, name: 'ranged', serviceType: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.1/8'] });
    expect(ranges.status, JSON.stringify(ranges.body)).toBe(422);
    expect((ranges.body as { invalid_params: { name: string; reason: string }[] }).invalid_params).toEqual([{ name: 'change.loadBalancerSourceRanges.0', reason: expect.any(String) }]);

    // A cluster IP is immutable: making the ClusterIP Service of the previous test headless is refused on `headless`.
    const headless = await editor.preview({ type: 'service', namespace: NS, name: 'morph', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], headless: true });
    expect(headless.status, JSON.stringify(headless.body)).toBe(422);
    expect((headless.body as { invalid_params: { name: string; reason: string }[] }).invalid_params.map((p) => p.name)).toContain('change.headless');

    const badPath = await editor.preview({ type: 'yaml', yaml: ingressYaml(['api']) });
    expect(badPath.status, JSON.stringify(badPath.body)).toBe(422);
    expect((badPath.body as { invalid_params: { name: string; reason: string }[] }).invalid_params).toContainEqual({
      name: 'change.yaml',
      reason: expect.stringMatching(/^spec\.rules\[0\]\.http\.paths\[0\]\.path: .*must be an absolute path/),
    });
  });
});
