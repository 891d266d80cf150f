/**
 * The kubectl scenarios that need no controller (no kubelet, cloud provider or cert-manager), run
 * by the same kubectl against the simulator AND a real kube-apiserver (packages/control-plane):
 * each step must succeed or fail alike, print the same (tables, errors, `-o json` after taking out
 * what each server allocates) and leave the same field ownership. Called by each kubectl-v*.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { controlPlaneBinary, startControlPlane, type ControlPlane } from '../../control-plane/index.js';
import { startSimulator, type Simulator } from '../src/index.js';
import { makeKubectl, type KubectlResult } from './helpers.js';

type Kubectl = ReturnType<typeof makeKubectl>;
type Obj = Record<string, any>;

const NS = 'kb';
const MANIFEST = `apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${NS}, labels: {app: web}}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: edge, namespace: ${NS}}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 443, targetPort: https, protocol: TCP}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: ${NS}}
data: {mode: blue}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site, namespace: ${NS}}
spec:
  rules:
  - host: site.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
`;

/**
 * What each server chooses for itself, taken out before comparing: identity and timestamps, the
 * allocated cluster IPs and nodePorts (random in the apiserver, sequential in the simulator), and
 * what controllers write (the real control plane runs none here).
 */
export function normalize(o: Obj): Obj {
  const c = structuredClone(o);
  for (const k of ['uid', 'creationTimestamp', 'resourceVersion', 'generation']) delete c.metadata?.[k];
  // kubectl < 1.21 prints managedFields; the simulator records no `.` presence entries (docs/testing.md): compared by owner list instead.
  delete c.metadata?.managedFields;
  delete c.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  if (c.metadata?.annotations && Object.keys(c.metadata.annotations).length === 0) delete c.metadata.annotations;
  if (c.kind === 'Service') {
    if (c.spec.clusterIP) c.spec.clusterIP = '<allocated>';
    if (c.spec.clusterIPs) c.spec.clusterIPs = c.spec.clusterIPs.map(() => '<allocated>');
    for (const p of c.spec.ports ?? []) if (p.nodePort) p.nodePort = '<allocated>';
  }
  if (c.kind === 'Deployment') delete c.status;
  return c;
}

/** Managers and operations in a stable order (the apiserver orders entries by operation and time). */
const ownership = (o: Obj) => ((o.metadata?.managedFields ?? []) as Obj[]).map((m) => `${m.manager}/${m.operation}`).sort();

/** A table's rows as cells cut at the header's column offsets (cells may be empty), the columns in `blank` masked. */
function cells(table: string, blank: string[]): string[][] {
  const [head, ...rows] = table.trimEnd().split('\n');
  const starts = [...head.matchAll(/\S+/g)].map((m) => m.index);
  const names = starts.map((s, i) => head.slice(s, starts[i + 1]).trim());
  const cut = (l: string) => starts.map((s, i) => l.slice(s, starts[i + 1]).trim());
  return [names, ...rows.map((r) => cut(r).map((c, i) => (blank.includes(names[i]) ? '*' : c)))];
}

interface Backend {
  name: string;
  kubectl: Kubectl;
}

/** `protobuf`: this kubectl sends protobuf bodies; `printsManagedFields`: it shows managedFields without `--show-managed-fields` (< 1.21, which lacks the flag). */
export function kubectlBackendsSuite(label: string, bin: string, opts: { protobuf: boolean; printsManagedFields?: boolean }): void {
  const binary = controlPlaneBinary();
  if (binary.skip) console.warn(`[kube-sim tests] ${label}: real apiserver half skipped: ${binary.skip}`);

  describe.skipIf(!!binary.skip)(`${label}: same commands on the simulator and a real kube-apiserver`, () => {
    let sim: Simulator;
    let cp: ControlPlane;
    let backends: [Backend, Backend];
    beforeAll(async () => {
      [sim, cp] = await Promise.all([startSimulator({ scenario: 'empty' }), startControlPlane({ controllerManager: false })]);
      backends = [
        { name: 'simulator', kubectl: makeKubectl(bin, sim.kubeconfig) },
        { name: 'real', kubectl: makeKubectl(bin, cp.kubeconfig) },
      ];
    }, 120_000);
    afterAll(async () => void (await Promise.all([sim?.close(), cp?.close()])));

    /** Runs the same kubectl command on both backends. */
    const both = (args: string[], input?: string) => Promise.all(backends.map((b) => b.kubectl.run(args, input))) as Promise<[KubectlResult, KubectlResult]>;
    const json = async (args: string[]) => (await both([...args, '-o', 'json'])).map((r) => JSON.parse(r.stdout) as Obj) as [Obj, Obj];

    it('apply -f (client-side): same objects, same output, and a re-apply changes nothing on either', async () => {
      const [a, b] = await both(['apply', '-f', '-'], MANIFEST);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout).toContain('service/web created');
      const again = await both(['apply', '-f', '-'], MANIFEST);
      expect(again[0].stdout).toBe(again[1].stdout);
      expect(again[0].stdout).toContain('service/web unchanged');
      const [sa, sb] = await json(['get', 'svc', 'web', 'edge', 'ingress', 'site', 'configmap', 'settings', '-n', NS]);
      expect(sa.items.map(normalize)).toEqual(sb.items.map(normalize));
      expect(sa.items.map(ownership)).toEqual(sb.items.map(ownership));
      const [ya, yb] = await both(['get', 'ingress', 'site', '-n', NS, '-o', 'yaml']);
      expect(normalize(parse(ya.stdout) as Obj)).toEqual(normalize(parse(yb.stdout) as Obj));
    });

    it('get tables print the same columns and rows (allocated IPs and ages aside)', async () => {
      for (const [args, blank] of [
        [
          ['get', 'svc', '-n', NS],
          ['CLUSTER-IP', 'PORT(S)', 'AGE'],
        ],
        [['get', 'ingress', '-n', NS], ['AGE']],
        [['get', 'configmaps', 'settings', '-n', NS], ['AGE']],
      ] as const) {
        const [a, b] = await both([...args]);
        expect(a.code, a.stderr).toBe(0);
        expect(cells(a.stdout, [...blank]), args.join(' ')).toEqual(cells(b.stdout, [...blank]));
      }
      // PORT(S) holds the allocated nodePort (443:3xxxx/TCP): its shape must agree.
      const [a, b] = await both(['get', 'svc', 'edge', '-n', NS, '--no-headers', '-o', 'custom-columns=P:.spec.ports[0].port,T:.spec.type']);
      expect(a.stdout).toBe(b.stdout);
    });

    it('apply --server-side after a client-side apply: ownership moves the same way', async () => {
      const labelled = MANIFEST.replace('labels: {app: web}', 'labels: {app: web, tier: front}');
      const [a, b] = await both(['apply', '--server-side', '-f', '-'], labelled);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      const [sa, sb] = await json(['get', 'svc', 'web', '-n', NS, ...(opts.printsManagedFields ? [] : ['--show-managed-fields'])]);
      expect(ownership(sa)).toEqual(ownership(sb));
      expect(normalize(sa)).toEqual(normalize(sb));
      // A field another manager owns now conflicts on both.
      const [ca, cb] = await both(['apply', '--server-side', '--field-manager=other', '-f', '-'], labelled.replace('tier: front', 'tier: back'));
      expect(ca.code).not.toBe(0);
      expect(ca.stderr).toBe(cb.stderr);
    });

    it('create service|secret|configmap|deployment (protobuf bodies from kubectl ≥ 1.32) store the same objects', async () => {
      const commands = [
        ['create', 'service', 'clusterip', 'made', '--tcp=80:8080', '-n', NS],
        ['create', 'service', 'nodeport', 'made-np', '--tcp=8443:443', '-n', NS],
        ['create', 'secret', 'generic', 'made', '--from-literal=user=admin', '-n', NS],
        ['create', 'configmap', 'made', '--from-literal=a=1', '-n', NS],
        ['create', 'deployment', 'made', '--image=nginx:1.27', '--port=80', '--replicas=2', '-n', NS],
      ];
      for (const args of commands) {
        const [a, b] = await both(args);
        expect(a.code, `${args.join(' ')}: ${a.stderr}`).toBe(0);
        expect(b.code, `${args.join(' ')}: ${b.stderr}`).toBe(0);
        expect(a.stdout).toBe(b.stdout);
      }
      for (const kind of ['svc/made', 'svc/made-np', 'secret/made', 'configmap/made', 'deployment/made']) {
        const [a, b] = await json(['get', kind, '-n', NS]);
        expect(normalize(a), kind).toEqual(normalize(b));
      }
      if (opts.protobuf) expect(sim.objects.get('v1', 'Secret', NS, 'made')?.data).toEqual({ user: Buffer.from('admin').toString('base64') });
    });

    it('errors read the same: validation, not found, already exists', async () => {
      const bad = `apiVersion: v1\nkind: Service\nmetadata: {name: bad-port, namespace: ${NS}}\nspec:\n  ports: [{port: 70000}]\n`;
      for (const [args, input] of [
        [['apply', '-f', '-'], bad],
        [['get', 'svc', 'missing', '-n', NS], undefined],
        [['create', 'configmap', 'settings', '-n', NS], undefined],
        [['delete', 'ingress', 'missing', '-n', NS], undefined],
        // Refused by the apiserver's validation after the (protobuf, for kubectl ≥ 1.32) body was decoded.
        [['create', 'service', 'nodeport', 'bad_name', '--tcp=80:8080', '--node-port=20000', '-n', NS], undefined],
        [['create', 'deployment', 'Bad', '--image=nginx', '-n', NS], undefined],
      ] as const) {
        const [a, b] = await both([...args], input);
        expect(a.code, args.join(' ')).not.toBe(0);
        expect(a.stderr, args.join(' ')).toBe(b.stderr);
      }
    });

    it('delete prints the same', async () => {
      const [a, b] = await both(['delete', 'svc', 'made', 'edge', '-n', NS]);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    });
  });
}
