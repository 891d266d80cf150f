import https from 'node:https';
import type { TChange, TChangeCertificates, TChangePreview, THostView, TIngressOptions } from '@portico/contracts';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangesClient, changesClient, expectRefusedOnFields } from './support/changes.js';
import { type Pipeline, registerCluster, startPipeline } from './support/backends.js';

/**
 * The Ingress editor through the API (issue 10), on the course simulator with the real worker:
 * the course's Ingresses deleted and recreated equal to the originals; create and edit (fields
 * other managers own stay); invalid input refused before the cluster is asked, the field named
 * (the full table against a real apiserver is packages/kube/test/ingress-validation.test.ts);
 * each preview warning; the pickers; and the Certificate cert-manager makes, followed to Ready.
 */
let pipeline: Pipeline;
let sim: Simulator;
let editor: ChangesClient;
let clusterId: string;

type Ingress = { metadata: { annotations?: Record<string, string>; labels?: Record<string, string> }; spec: Record<string, unknown> };
const liveIngress = (name: string, namespace = 'demo') => structuredClone(sim.objects.get('networking.k8s.io/v1', 'Ingress', namespace, name)) as Ingress | undefined;
const get = (path: string) => pipeline.t.http().get(path).set('Authorization', `Bearer ${pipeline.editorToken}`);
const options = async (namespace = 'demo') => (await get(`/api/v1/clusters/${clusterId}/ingress-options?namespace=${namespace}`)).body as TIngressOptions;

/** A merge patch as another client would send it (the write Portico never makes). */
function mergePatch(path: string, body: unknown): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.url}${path}`,
      { method: 'PATCH', ca: sim.caPem, headers: { authorization: `Bearer ${sim.tokens.admin}`, 'content-type': 'application/merge-patch+json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [pipeline, sim] = await Promise.all([startPipeline('ingress-editor'), startSimulator({ scenario: 'course' })]);
  clusterId = await registerCluster(pipeline.t, pipeline.adminToken, { kubeconfig: sim.kubeconfig }, 'course');
  editor = changesClient(pipeline.t, pipeline.editorToken, clusterId);
  // The warnings and pickers read the synced copy: wait until the worker has stored the course's objects.
  await waitFor('the course synced', async () => {
    const o = await options();
    return o.services.some((s) => s.name === 'kuard') && o.issuers.some((i) => i.name === 'letsencrypt-prod') && o.tlsSecrets.some((s) => s.name === 'quickstart-example-tls');
  });
}, 60_000);

afterAll(async () => {
  await Promise.all([pipeline?.close(), sim?.close()]);
});

const applied = async (change: object, extra: object = {}): Promise<{ preview: TChangePreview; done: TChange }> => {
  const { preview, change: submitted } = await editor.previewAndSubmit(change, extra);
  const done = await editor.settled(submitted.id);
  expect(done.state, JSON.stringify(done.error)).toBe('applied');
  return { preview, done };
};

describe('the course Ingresses, deleted and recreated through the API', () => {
  const rows = [
    {
      name: 'ingress-wildcard-host',
      request: {
        rules: [
          {
            host: 'domain1.bar.com',
            paths: [
              { path: '/bar', pathType: 'Prefix', backend: { service: 'service1', port: 80 } },
              { path: '/foo', pathType: 'Prefix', backend: { service: 'service2', port: 80 } },
            ],
          },
          { host: 'domain2.foo.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'service3', port: 80 } }] },
        ],
      },
    },
    {
      name: 'kuard',
      request: {
        annotations: { 'kubernetes.io/ingress.class': 'nginx' },
        issuer: { kind: 'Issuer', name: 'letsencrypt-prod' },
        tls: [{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }],
        rules: [{ host: 'example.example.com', paths: [{ path: '/', pathType: 'Exact', backend: { service: 'kuard', port: 80 } }] }],
      },
    },
  ];
  for (const row of rows) {
    it(`demo/${row.name}: spec and annotations equal the course's`, async () => {
      const original = liveIngress(row.name)!;
      expect(original).toBeDefined();
      await applied({ type: 'delete', target: { kind: 'Ingress', namespace: 'demo', name: row.name } });
      expect(liveIngress(row.name)).toBeUndefined();
      const { preview } = await applied({ type: 'ingress', namespace: 'demo', name: row.name, ...row.request });
      expect(preview.live.exists).toBe(false);
      const recreated = liveIngress(row.name)!;
      expect(recreated.spec).toEqual(original.spec);
      expect(recreated.metadata.annotations).toEqual(original.metadata.annotations);
    });
  }
});

describe('create and edit', () => {
  const web = {
    type: 'ingress',
    namespace: 'demo',
    name: 'web',
    ingressClassName: 'nginx',
    rules: [{ host: 'web.example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'kuard', port: 80 } }] }],
  };

  it('creates, then edits, keeping the annotation another manager set', async () => {
    const { preview } = await applied(web);
    expect(preview.kubectl).toEqual(['kubectl apply --server-side --field-manager=portico -n demo -f portico-change.yaml']);
    expect(preview.yaml).toContain('ingressClassName: nginx');
    expect(preview.diff).toContain('+    - host: web.example.com');
    // Another tool annotates the Ingress (a merge patch as field manager other-team).
    expect(await mergePatch('/apis/networking.k8s.io/v1/namespaces/demo/ingresses/web?fieldManager=other-team', { metadata: { annotations: { 'example.com/owner': 'team-a' } } })).toBe(200);
    expect(liveIngress('web')!.metadata.annotations?.['example.com/owner']).toBe('team-a');

    const edited = { ...web, rules: [{ host: 'web.example.com', paths: [...web.rules[0].paths, { path: '/api', pathType: 'Exact', backend: { service: 'kuard', port: 80 } }] }] };
    const { preview: editPreview } = await applied(edited);
    expect(editPreview.live.exists).toBe(true);
    expect(editPreview.diff).toContain('+          - path: /api');
    const live = liveIngress('web')!;
    expect((live.spec.rules as { http: { paths: { path: string }[] } }[])[0].http.paths.map((p) => p.path)).toEqual(['/', '/api']);
    expect(live.metadata.annotations?.['example.com/owner']).toBe('team-a');
  });

  it('refuses invalid input before the cluster is asked, naming the field', async () => {
    // Every request the cluster would get fails: a 400 proves it was never asked.
    sim.faults.addRule({ status: 500 });
    try {
      const rule = (r: object) => ({ ...web, rules: [{ ...web.rules[0], ...r }] });
      const path = (p: object) => rule({ paths: [{ ...web.rules[0].paths[0], ...p }] });
      const cases: [object, string][] = [
        [rule({ host: '10.0.0.1' }), 'change.rules.0.host'],
        [rule({ host: 'web.example.com:443' }), 'change.rules.0.host'],
        [rule({ host: 'a.*.example.com' }), 'change.rules.0.host'],
        [path({ path: 'api' }), 'change.rules.0.paths.0.path'],
        [path({ path: '/a/../b' }), 'change.rules.0.paths.0.path'],
        [path({ pathType: 'Regex' }), 'change.rules.0.paths.0.pathType'],
        [path({ backend: { service: 'Kuard', port: 80 } }), 'change.rules.0.paths.0.backend.service'],
        [path({ backend: { service: 'kuard', port: 70000 } }), 'change.rules.0.paths.0.backend.port'],
        [{ ...web, rules: [] }, 'change.rules'],
        [{ ...web, tls: [{ hosts: ['Web.example.com'], secretName: 'web-tls' }] }, 'change.tls.0.hosts.0'],
        [{ ...web, issuer: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' } }, 'change.tls'],
        [{ ...web, ingressClassName: 'traefik', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }, 'change.annotations.kubernetes.io/ingress.class'],
      ];
      await expectRefusedOnFields(editor, cases);
    } finally {
      sim.faults.clear();
    }
  });
});

describe('preview warnings, from the synced copy', () => {
  const codes = (p: TChangePreview) => p.warnings.map((w) => w.code);
  const preview = async (change: object) => {
    const res = await editor.preview({ type: 'ingress', namespace: 'demo', name: 'probe', ...change });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as TChangePreview;
  };
  const kuardRule = (host: string, path = '/') => ({ host, paths: [{ path, pathType: 'Prefix', backend: { service: 'kuard', port: 80 } }] });

  it('none for an Ingress that breaks nothing', async () => {
    expect((await preview({ ingressClassName: 'nginx', rules: [kuardRule('fresh.example.com')] })).warnings).toEqual([]);
  });

  it('the same host and path served by another Ingress, named', async () => {
    const p = await preview({ rules: [kuardRule('domain1.bar.com', '/bar')] });
    const w = p.warnings.find((x) => x.code === 'host_path_taken')!;
    expect(w.message).toContain('Ingress demo/ingress-wildcard-host');
    expect(w.field).toBe('change.rules.0.paths.0.path');
  });

  it('a backend Service or port that does not exist', async () => {
    const p = await preview({
      rules: [
        {
          host: 'b.example.com',
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: 'nope', port: 80 } },
            { path: '/k', pathType: 'Prefix', backend: { service: 'kuard', port: 8080 } },
          ],
        },
      ],
    });
    expect(p.warnings.filter((w) => w.code === 'backend_missing').map((w) => w.field)).toEqual(['change.rules.0.paths.0.backend.service', 'change.rules.0.paths.1.backend.port']);
  });

  it('a host whose TLS another Ingress serves from another Secret, and a Secret that does not exist', async () => {
    const p = await preview({ rules: [kuardRule('example.example.com', '/other')], tls: [{ hosts: ['example.example.com'], secretName: 'other-tls' }] });
    expect(p.warnings.find((w) => w.code === 'tls_secret_conflict')?.message).toContain('demo/quickstart-example-tls');
    expect(p.warnings.find((w) => w.code === 'tls_secret_mismatch')?.message).toContain('no TLS Secret other-tls');
  });

  it('a chosen Secret whose certificate does not cover the hosts, with its SANs and expiry', async () => {
    const p = await preview({ rules: [kuardRule('other.example.com')], tls: [{ hosts: ['other.example.com'], secretName: 'quickstart-example-tls' }] });
    const w = p.warnings.find((x) => x.code === 'tls_secret_mismatch')!;
    expect(w.message).toMatch(/does not cover other\.example\.com \(SANs: example\.example\.com; expires \d{4}-\d{2}-\d{2}\)/);
    expect(w.field).toBe('change.tls.0.secretName');
  });

  it('an issuer that does not exist, or is not Ready (with its message)', async () => {
    const tls = [{ hosts: ['iss.example.com'], secretName: 'iss-tls' }];
    const missing = await preview({ rules: [kuardRule('iss.example.com')], tls, issuer: { kind: 'ClusterIssuer', name: 'nope' } });
    expect(missing.warnings.find((w) => w.code === 'issuer_not_ready')?.message).toContain('no ClusterIssuer nope');
    sim.objects.apply({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'broken-ca', namespace: 'demo' }, spec: { ca: { secretName: 'no-such-ca' } } });
    await waitFor('the broken issuer synced, not Ready', async () => (await options()).issuers.some((i) => i.name === 'broken-ca' && i.ready === false));
    const broken = await preview({ rules: [kuardRule('iss.example.com')], tls, issuer: { kind: 'Issuer', name: 'broken-ca' } });
    expect(broken.warnings.find((w) => w.code === 'issuer_not_ready')?.message).toMatch(/Issuer broken-ca is not Ready \(ErrGetKeyPair: .+\)/);
    const ready = await preview({ ingressClassName: 'nginx', rules: [kuardRule('iss.example.com')], tls, issuer: { kind: 'Issuer', name: 'letsencrypt-prod' } });
    expect(codes(ready)).toEqual([]);
  });

  it('an IngressClass that does not exist or that no controller serves; no class and no default', async () => {
    expect((await preview({ ingressClassName: 'missing', rules: [kuardRule('c.example.com')] })).warnings.map((w) => w.message)).toEqual([
      'there is no IngressClass missing in the cluster: no controller will serve this Ingress',
    ]);
    sim.objects.apply({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'idle' }, spec: { controller: 'example.com/idle' } });
    await waitFor('the idle class synced', async () => (await options()).ingressClasses.some((c) => c.name === 'idle'));
    expect(codes(await preview({ ingressClassName: 'idle', rules: [kuardRule('c.example.com')] }))).toEqual(['ingress_class_unserved']);
    // The course's nginx class is served: its Ingresses have the controller's address.
    expect(codes(await preview({ ingressClassName: 'nginx', rules: [kuardRule('c.example.com')] }))).toEqual([]);
    // Without a default class, an Ingress without a class is served by nobody.
    expect(codes(await preview({ rules: [kuardRule('c.example.com')] }))).toEqual([]);
    const nginx = sim.objects.get('networking.k8s.io/v1', 'IngressClass', undefined, 'nginx')!;
    sim.objects.apply({ ...nginx, metadata: { ...nginx.metadata, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'false' } } });
    await waitFor('no default class synced', async () => (await options()).ingressClasses.every((c) => !c.isDefault));
    expect(codes(await preview({ rules: [kuardRule('c.example.com')] }))).toEqual(['no_default_ingress_class']);
  });
});

describe('pickers and the certificate after apply', () => {
  it('lists classes (default marked), Services with ports, issuers with Ready state, TLS Secrets with SANs and expiry', async () => {
    const o = await options();
    expect(o.services.find((s) => s.name === 'kuard')).toEqual({ name: 'kuard', ports: [{ name: null, port: 80, protocol: 'TCP' }] });
    expect(o.issuers.find((i) => i.name === 'letsencrypt-prod')).toMatchObject({ kind: 'Issuer', ready: true });
    const secret = o.tlsSecrets.find((s) => s.name === 'quickstart-example-tls')!;
    expect(secret.dnsNames).toEqual(['example.example.com']);
    expect(Date.parse(secret.notAfter!)).toBeGreaterThan(Date.now());
    expect((await get(`/api/v1/clusters/${clusterId}/ingress-options?namespace=Bad_NS`)).status).toBe(400);
  });

  it('follows the Certificate cert-manager makes for a TLS entry until Ready', async () => {
    const { done } = await applied({
      type: 'ingress',
      namespace: 'demo',
      name: 'shop',
      ingressClassName: 'nginx',
      issuer: { kind: 'Issuer', name: 'letsencrypt-prod' },
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'kuard', port: 80 } }] }],
    });
    let followed: TChangeCertificates | undefined;
    await waitFor('the certificate Ready in the synced copy', async () => {
      followed = (await get(`/api/v1/changes/${done.id}/certificates`)).body as TChangeCertificates;
      return followed.items[0]?.certificate?.ready === true && followed.items[0].secret !== null;
    });
    expect(followed!.issuer).toEqual({ kind: 'Issuer', name: 'letsencrypt-prod' });
    expect(followed!.items[0]).toMatchObject({
      secretName: 'shop-tls',
      hosts: ['shop.example.com'],
      certificate: { name: 'shop-tls', dnsNames: ['shop.example.com'], ready: true },
      secret: { dnsNames: ['shop.example.com'] },
    });
  });
});

describe('a certificate that cannot be issued', () => {
  it('shows why: the Certificate and its request not Ready, with cert-manager’s reason and message', async () => {
    sim.objects.apply({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'stuck-ca', namespace: 'demo' }, spec: { ca: { secretName: 'no-such-ca' } } });
    const { done } = await applied({
      type: 'ingress',
      namespace: 'demo',
      name: 'stuck',
      ingressClassName: 'nginx',
      issuer: { kind: 'Issuer', name: 'stuck-ca' },
      tls: [{ hosts: ['stuck.example.com'], secretName: 'stuck-tls' }],
      rules: [{ host: 'stuck.example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'kuard', port: 80 } }] }],
    });
    let followed: TChangeCertificates | undefined;
    await waitFor('the stuck Certificate synced', async () => {
      followed = (await get(`/api/v1/changes/${done.id}/certificates`)).body as TChangeCertificates;
      return followed.items[0]?.certificate?.ready === false && followed.items[0].request !== null;
    });
    const item = followed!.items[0];
    expect(item.certificate).toMatchObject({ name: 'stuck-tls', ready: false });
    expect(item.secret).toBeNull();
    // The latest CertificateRequest says why, in cert-manager's words.
    expect(item.request).toMatchObject({ name: 'stuck-tls-1', ready: false, reason: 'Pending', message: 'Referenced issuer does not have a Ready status condition' });
    expect((await get('/api/v1/changes/00000000-0000-4000-8000-000000000000/certificates')).status).toBe(404);
  });
});

describe('the host view', () => {
  const view = async (host: string) => {
    const res = await get(`/api/v1/hosts/${encodeURIComponent(host)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as THostView).routes.map((r) => ({
      kind: r.kind,
      name: `${r.namespace}/${r.name}`,
      matchedBy: r.matchedBy,
      serves: r.serves,
      tls: r.tls && { secret: r.tls.secretName, covers: r.tls.covers, found: r.tls.found },
    }));
  };

  it('lists every Ingress, HTTPRoute and Gateway listener serving a host, exact or by wildcard, with the TLS certificate', async () => {
    expect(await view('example.example.com')).toEqual([
      { kind: 'Gateway', name: 'demo/web', matchedBy: '*.example.com', serves: ['listener http (HTTP 80)'], tls: null },
      { kind: 'Ingress', name: 'demo/kuard', matchedBy: 'example.example.com', serves: ['/ (Exact) → kuard:80'], tls: { secret: 'quickstart-example-tls', covers: true, found: true } },
    ]);
    expect(await view('kuard.example.com')).toEqual([
      { kind: 'Gateway', name: 'demo/web', matchedBy: '*.example.com', serves: ['listener http (HTTP 80)'], tls: null },
      { kind: 'HTTPRoute', name: 'demo/kuard', matchedBy: 'kuard.example.com', serves: ['through Gateway demo/web'], tls: null },
    ]);
    expect(await view('domain1.bar.com')).toEqual([
      { kind: 'Ingress', name: 'demo/ingress-wildcard-host', matchedBy: 'domain1.bar.com', serves: ['/bar (Prefix) → service1:80', '/foo (Prefix) → service2:80'], tls: null },
    ]);
    expect(await view('nobody.example.org')).toEqual([]);
  });

  it('refuses what is not a host, naming it', async () => {
    const res = await get('/api/v1/hosts/10.0.0.1');
    expect(res.status).toBe(400);
    expect((res.body as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toEqual(['params.host']);
  });
});
