/**
 * `KubeClient.apply` / `remove` (issue 9's change pipeline) on the simulator and on a real
 * kube-apiserver, same cases: every answer the pipeline branches on — allocation, idempotent
 * re-apply, dry run, field-manager conflicts, resourceVersion and uid preconditions, 422 causes,
 * deletes, `Warning` headers, the size cap — must be the real apiserver's, so the simulator is
 * only trusted where the real one says the same.
 */
import { readFileSync } from 'node:fs';
import https, { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFromToken, fieldManagerConflicts, KubeClient, KubeHttpError, KubeResponseTooLargeError, objectPath } from '../src/index.js';
import { LOOPBACK_ALLOWED } from './fixtures.js';
import { clusterKinds, type TestCluster } from './real-cluster.js';

const { kinds } = clusterKinds();
const NS = 'writes';

interface Svc {
  metadata: { name: string; uid: string; resourceVersion?: string; deletionTimestamp?: string; finalizers?: string[]; managedFields?: { manager: string; operation: string }[] };
  spec: { clusterIP?: string; ports: { port: number; targetPort?: number; nodePort?: number }[] };
}

const service = (name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: NS, ...metadata },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
});
const svcPath = (name: string) => objectPath({ apiVersion: 'v1', kind: 'Service', namespace: NS, name });

/** The rejection of `promise`, which must be a KubeHttpError. */
async function refusal(promise: Promise<unknown>): Promise<KubeHttpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubeHttpError);
  return err as KubeHttpError;
}

/** A merge patch as another client (field manager `editor`): the write KubeClient does not offer. */
function mergePatch(cluster: TestCluster, path: string, body: unknown): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${cluster.url}${path}?fieldManager=editor`,
      { method: 'PATCH', ca: cluster.caPem, headers: { authorization: `Bearer ${cluster.tokens.admin}`, 'content-type': 'application/merge-patch+json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe.each(kinds)('KubeClient writes on the $name', (kind) => {
  let cluster: TestCluster;
  let client: KubeClient;

  beforeAll(async () => {
    cluster = await kind.start();
    client = new KubeClient(connectionFromToken({ server: cluster.url, token: cluster.tokens.admin, caPem: cluster.caPem }), { addressPolicy: LOOPBACK_ALLOWED });
    await client.apply(objectPath({ apiVersion: 'v1', kind: 'Namespace', name: NS }), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }, { fieldManager: 'test' });
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  it('creates by server-side apply; a re-apply that changes nothing keeps the resourceVersion', async () => {
    const manifest = service('web', { type: 'NodePort' });
    const created = await client.apply(svcPath('web'), manifest, { fieldManager: 'portico' });
    expect(created.status).toBe(201);
    const svc = created.object as unknown as Svc;
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(svc.metadata.managedFields?.map((m) => `${m.manager}:${m.operation}`)).toEqual(['portico:Apply']);
    const again = await client.apply(svcPath('web'), manifest, { fieldManager: 'portico' });
    expect(again.status).toBe(200);
    expect((again.object as unknown as Svc).metadata.resourceVersion).toBe(svc.metadata.resourceVersion);
    expect((await client.getJson(svcPath('web'))).body).toMatchObject({ metadata: { resourceVersion: svc.metadata.resourceVersion } });
    // A change does write.
    const changed = await client.apply(svcPath('web'), service('web', { type: 'NodePort', ports: [{ port: 80, targetPort: 9090 }] }), { fieldManager: 'portico' });
    expect((changed.object as unknown as Svc).metadata.resourceVersion).not.toBe(svc.metadata.resourceVersion);
    expect((changed.object as unknown as Svc).spec.ports[0].nodePort).toBe(svc.spec.ports[0].nodePort);
  });

  it('dry-run answers the would-be object with placeholder allocations and stores nothing', async () => {
    const manifest = service('dry', {
      type: 'NodePort',
      ports: [
        { name: 'a', port: 80 },
        { name: 'b', port: 81, nodePort: 30500 },
        { name: 'c', port: 82 },
      ],
    });
    const dry = await client.apply(svcPath('dry'), manifest, { fieldManager: 'portico', dryRun: true });
    expect(dry.status).toBe(201);
    const svc = dry.object as unknown as Svc;
    // Nothing is allocated in a dry run: the range's first address and nodePorts counted from 32769 (above the range).
    expect(svc.spec.clusterIP).toBe('10.96.0.0');
    expect(svc.spec.ports.map((p) => p.nodePort)).toEqual([32769, 30500, 32770]);
    expect(svc.metadata.resourceVersion).toBeUndefined();
    expect(svc.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await refusal(client.getJson(svcPath('dry')))).status).toBe(404);
    // The nodePort asked for was not reserved by the dry run.
    expect((await client.apply(svcPath('dry'), manifest, { fieldManager: 'portico' })).status).toBe(201);
    // A dry run over an existing object answers it with its stored resourceVersion.
    const live = (await client.getJson(svcPath('dry'))).body as Svc;
    const dryUpdate = await client.apply(svcPath('dry'), { ...manifest, spec: { ...manifest.spec, sessionAffinity: 'ClientIP' } }, { fieldManager: 'portico', dryRun: true });
    expect(dryUpdate.object).toMatchObject({ metadata: { resourceVersion: live.metadata.resourceVersion }, spec: { sessionAffinity: 'ClientIP' } });
    expect((await client.getJson(svcPath('dry'))).body).toMatchObject({ spec: { sessionAffinity: 'None' } });
  });

  it('refuses a field another manager owns (409 naming manager and field) until forced', async () => {
    await client.apply(svcPath('owned'), service('owned', {}), { fieldManager: 'portico' });
    const other = service('owned', { ports: [{ port: 80, targetPort: 9090 }] });
    const err = await refusal(client.apply(svcPath('owned'), other, { fieldManager: 'other' }));
    expect([err.status, err.reason]).toEqual([409, 'Conflict']);
    expect(err.serverMessage).toBe('Apply failed with 1 conflict: conflict with "portico": .spec.ports[port=80,protocol="TCP"].targetPort');
    expect(fieldManagerConflicts(err)).toEqual([{ manager: 'portico', field: '.spec.ports[port=80,protocol="TCP"].targetPort' }]);
    const forced = await client.apply(svcPath('owned'), other, { fieldManager: 'other', force: true });
    expect(forced.object).toMatchObject({ spec: { ports: [{ targetPort: 9090 }] } });
    // An Update manager is named with the version it wrote.
    expect(await mergePatch(cluster, svcPath('owned'), { spec: { selector: { app: 'edited' } } })).toBe(200);
    const back = await refusal(client.apply(svcPath('owned'), service('owned', {}), { fieldManager: 'portico' }));
    expect(fieldManagerConflicts(back)).toEqual(
      expect.arrayContaining([
        { manager: 'other', field: '.spec.ports[port=80,protocol="TCP"].targetPort' },
        { manager: 'editor', field: '.spec.selector' },
      ]),
    );
    expect(back.causes.find((c) => c.field === '.spec.selector')?.message).toBe('conflict with "editor" using v1');
  });

  it('takes metadata.resourceVersion in the manifest as a precondition', async () => {
    const first = (await client.apply(svcPath('rv'), service('rv', {}), { fieldManager: 'portico' })).object as unknown as Svc;
    const next = await client.apply(svcPath('rv'), service('rv', { sessionAffinity: 'ClientIP' }, { resourceVersion: first.metadata.resourceVersion }), { fieldManager: 'portico' });
    expect(next.status).toBe(200);
    const stale = await refusal(client.apply(svcPath('rv'), service('rv', { sessionAffinity: 'None' }, { resourceVersion: first.metadata.resourceVersion }), { fieldManager: 'portico' }));
    expect([stale.status, stale.reason, stale.causes]).toEqual([409, 'Conflict', []]);
    expect(stale.serverMessage).toBe('Operation cannot be fulfilled on services "rv": the object has been modified; please apply your changes to the latest version and try again');
    expect(fieldManagerConflicts(stale)).toEqual([]);
  });

  it('answers invalid objects with 422 Invalid and causes naming the fields', async () => {
    const taken = ((await client.apply(svcPath('np-holder'), service('np-holder', { type: 'NodePort' }), { fieldManager: 'portico' })).object as unknown as Svc).spec.ports[0].nodePort;
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['big-port', service('big-port', { ports: [{ port: 70000 }] }), ['spec.ports[0].port', 'spec.ports[0].targetPort']],
      ['Bad_Name', service('Bad_Name', {}), ['metadata.name']],
      ['far-node-port', service('far-node-port', { type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }), ['spec.ports[0].nodePort']],
      ['same-node-port', service('same-node-port', { type: 'NodePort', ports: [{ port: 80, nodePort: taken }] }), ['spec.ports[0].nodePort']],
      ['zero-ip', service('zero-ip', { externalIPs: ['203.0.113.01'] }), ['spec.externalIPs[0]']],
      ['wide-range', service('wide-range', { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.1/8'] }), ['spec.LoadBalancerSourceRanges[0]']],
    ];
    for (const [name, manifest, fields] of cases) {
      // A dry run's nodePort allocator checks only that a port is free, not the range: 40000 passes it.
      if (name === 'far-node-port') {
        const dry = await client.apply(svcPath(name), manifest, { fieldManager: 'portico', dryRun: true });
        expect(dry.object).toMatchObject({ spec: { ports: [{ nodePort: 40000 }] } });
      }
      for (const dryRun of name === 'far-node-port' ? [false] : [true, false]) {
        const err = await refusal(client.apply(svcPath(name), manifest, { fieldManager: 'portico', dryRun }));
        expect([name, err.status, err.reason]).toEqual([name, 422, 'Invalid']);
        expect(err.causes.map((c) => c.field)).toEqual(fields);
        expect(err.causes.every((c) => c.reason === 'FieldValueInvalid')).toBe(true);
      }
    }
    const sameMessage = await refusal(client.apply(svcPath('same-node-port'), cases[3][1], { fieldManager: 'portico' }));
    expect(sameMessage.causes[0].message).toBe(`Invalid value: ${taken}: provided port is already allocated`);
  });

  it('answers a field the schema lacks with a 500 without reason, as server-side apply types the manifest first', async () => {
    const err = await refusal(client.apply(svcPath('bogus'), service('bogus', { bogus: 1 }), { fieldManager: 'portico' }));
    expect([err.status, err.reason]).toEqual([500, undefined]);
    expect(err.serverMessage).toBe('failed to create typed patch object (writes/bogus; /v1, Kind=Service): .spec.bogus: field not declared in schema');
  });

  it('deletes with uid and resourceVersion preconditions, dry-run, propagation policies; 404 when missing', async () => {
    const svc = (await client.apply(svcPath('gone'), service('gone', {}), { fieldManager: 'portico' })).object as unknown as Svc;
    const uidMismatch = await refusal(client.remove(svcPath('gone'), { preconditions: { uid: '00000000-0000-0000-0000-000000000000' } }));
    expect([uidMismatch.status, uidMismatch.reason]).toEqual([409, 'Conflict']);
    expect(uidMismatch.serverMessage).toBe(
      `Operation cannot be fulfilled on Service "gone": the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match the UID in record (${svc.metadata.uid}). The object might have been deleted and then recreated`,
    );
    const rvMismatch = await refusal(client.remove(svcPath('gone'), { preconditions: { uid: svc.metadata.uid, resourceVersion: '1' }, dryRun: true }));
    expect(rvMismatch.serverMessage).toBe(
      `Operation cannot be fulfilled on Service "gone": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${svc.metadata.resourceVersion}). The object might have been modified`,
    );
    const dry = await client.remove(svcPath('gone'), { preconditions: { uid: svc.metadata.uid }, dryRun: true });
    expect(dry.status).toBe(200);
    expect((await client.getJson(svcPath('gone'))).body).toMatchObject({ metadata: { uid: svc.metadata.uid, resourceVersion: svc.metadata.resourceVersion } });
    const removed = await client.remove(svcPath('gone'), { preconditions: { uid: svc.metadata.uid, resourceVersion: svc.metadata.resourceVersion }, propagationPolicy: 'Background' });
    expect([removed.status, (removed.object as unknown as Svc).metadata.uid]).toEqual([200, svc.metadata.uid]);
    const missing = await refusal(client.remove(svcPath('gone'), {}));
    expect([missing.status, missing.reason, missing.serverMessage]).toEqual([404, 'NotFound', 'services "gone" not found']);
  });

  it('deletes in the foreground through a finalizer, and refuses an unknown policy', async () => {
    await client.apply(svcPath('fg'), service('fg', {}), { fieldManager: 'portico' });
    const bad = await refusal(client.remove(svcPath('fg'), { propagationPolicy: 'Sideways' as 'Orphan' }));
    expect([bad.status, bad.reason, bad.causes.map((c) => c.field)]).toEqual([422, 'Invalid', ['propagationPolicy']]);
    const fg = await client.remove(svcPath('fg'), { propagationPolicy: 'Foreground' });
    expect(fg.status).toBe(200);
    expect((fg.object as unknown as Svc).metadata).toMatchObject({ deletionTimestamp: expect.any(String), finalizers: ['foregroundDeletion'] });
    // The garbage collector (kube-controller-manager on the real cluster) then removes it.
    const deadline = Date.now() + 30_000;
    let status = 200;
    while (status !== 404 && Date.now() < deadline) {
      status = await client.getJson(svcPath('fg')).then(
        () => 200,
        (e: unknown) => (e as KubeHttpError).status,
      );
      if (status !== 404) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(404);
  });

  it('surfaces the Warning headers the apiserver sends', async () => {
    const ignored = await client.apply(svcPath('warned'), service('warned', { externalName: 'db.example.com' }), { fieldManager: 'portico' });
    expect(ignored.warnings).toEqual(['spec.externalName is ignored when spec.type is not "ExternalName"']);
    // Service warnings come on every write, a no-op re-apply included.
    expect((await client.apply(svcPath('warned'), service('warned', { externalName: 'db.example.com' }), { fieldManager: 'portico' })).warnings).toHaveLength(1);
    const external = await client.apply(svcPath('warned-ip'), service('warned-ip', { externalIPs: ['203.0.113.10'] }), { fieldManager: 'portico', dryRun: true });
    expect(external.warnings).toEqual(['spec.externalIPs is deprecated and may no longer be implemented in some clusters']);
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'classic', namespace: NS, annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
    };
    const ingressPath = objectPath({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: NS, name: 'classic' });
    expect((await client.apply(ingressPath, ingress, { fieldManager: 'portico' })).warnings).toEqual([
      `annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`,
    ]);
    // Ingresses warn on create only.
    expect((await client.apply(ingressPath, { ...ingress, metadata: { ...ingress.metadata, labels: { a: 'b' } } }, { fieldManager: 'portico' })).warnings).toEqual([]);
    const gone = await client.remove(ingressPath);
    expect(gone.object).toMatchObject({ kind: 'Status', status: 'Success' });
  });

  it('cuts a write answer over the size cap', async () => {
    const small = new KubeClient(connectionFromToken({ server: cluster.url, token: cluster.tokens.admin, caPem: cluster.caPem }), {
      addressPolicy: LOOPBACK_ALLOWED,
      limits: { discoveryBytes: 2048 },
    });
    try {
      const err = await refusal(small.apply(svcPath('big'), service('big', {}, { annotations: { note: 'x'.repeat(4096) } }), { fieldManager: 'portico' }));
      expect(err).toBeInstanceOf(KubeResponseTooLargeError);
      expect(err.message).toContain('more than 0 MB for /api/v1/namespaces/writes/services/big');
    } finally {
      await small.close();
    }
  });
});

describe('KubeClient write answers from a server that is not an apiserver', () => {
  let server: Server;
  let client: KubeClient;
  let answer: (res: import('node:http').ServerResponse) => void = () => undefined;
  beforeAll(async () => {
    const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
    server = createServer({ cert: fixture('srv.pem'), key: fixture('srv.key') }, (req, res) => {
      req.resume();
      answer(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new KubeClient({ server: `https://127.0.0.1:${port}`, insecureSkipTlsVerify: true, auth: { kind: 'token', token: 't' } }, { addressPolicy: LOOPBACK_ALLOWED });
  });
  afterAll(async () => {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the retry delay of a 429 from Retry-After, else from details.retryAfterSeconds', async () => {
    const status = (details: unknown) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'TooManyRequests', message: 'slow down', details, code: 429 });
    answer = (res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' }).end(status({ retryAfterSeconds: 2 }));
    const fromHeader = await refusal(client.apply('/api/v1/namespaces/a/services/b', {}, { fieldManager: 'p' }));
    expect([fromHeader.status, fromHeader.reason, fromHeader.retryAfterSeconds, fromHeader.serverMessage]).toEqual([429, 'TooManyRequests', 7, 'slow down']);
    answer = (res) => res.writeHead(429, { 'content-type': 'application/json' }).end(status({ retryAfterSeconds: 2, causes: [{ field: 5 }, 'x', { reason: 'R' }] }));
    const fromBody = await refusal(client.remove('/api/v1/namespaces/a/services/b'));
    expect([fromBody.retryAfterSeconds, fromBody.causes]).toEqual([2, [{}, { reason: 'R' }]]);
  });

  it('never follows a redirect from a write', async () => {
    answer = (res) => res.writeHead(307, { location: 'https://169.254.169.254/latest/meta-data' }).end();
    const err = await refusal(client.apply('/api/v1/namespaces/a/services/b', {}, { fieldManager: 'p' }));
    expect(err.status).toBe(307);
  });

  it('keeps only 299 warnings, several per header', async () => {
    answer = (res) =>
      res
        .setHeader('warning', ['299 - "one, with a comma", 199 - "not this"', '299 kube-apiserver "two \\"quoted\\"" "Mon, 30 Nov 2026 12:00:00 GMT"'])
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"kind":"Service"}');
    const res = await client.apply('/api/v1/namespaces/a/services/b', {}, { fieldManager: 'p' });
    expect(res).toEqual({ status: 200, object: { kind: 'Service' }, warnings: ['one, with a comma', 'two "quoted"'] });
  });
});
