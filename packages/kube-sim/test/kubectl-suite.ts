/** The same kubectl scenarios, run by each kubectl variant's test file. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS_DIR, startSimulator, type Simulator } from '../src/index.js';
import { cleanupKubectlHomes, makeKubectl, request, waitFor } from './helpers.js';
import type { ToolResult } from './kubectl-tools.js';

const COURSE = join(SCENARIOS_DIR, 'course.yaml');

export function kubectlSuite(label: string, acquire: () => ToolResult): void {
  const tool = acquire();
  if (!tool.ok) {
    console.warn(`[kube-sim tests] skipping ${label}: ${tool.reason}`);
    describe.skip(`${label} (unavailable: ${tool.reason})`, () => {
      it('skipped', () => undefined);
    });
    return;
  }
  const bin = tool.tool.path;

  describe(label, () => {
    let course: Simulator;
    let kubectl: ReturnType<typeof makeKubectl>;
    beforeAll(async () => {
      course = await startSimulator({ scenario: 'course' });
      kubectl = makeKubectl(bin, course.kubeconfig);
    });
    afterAll(async () => {
      await course?.close();
      cleanupKubectlHomes();
    });

    it('reports its version against the server', async () => {
      const r = await kubectl.run(['version', '-o', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const v = JSON.parse(r.stdout) as { clientVersion: { gitVersion: string }; serverVersion: { gitVersion: string } };
      expect(v.clientVersion.gitVersion).toBe(tool.tool.version);
      expect(v.serverVersion.gitVersion).toMatch(/^v1\.31/);
    });

    it('get svc -A', async () => {
      const r = await kubectl.run(['get', 'svc', '-A']);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0].split(/\s+/)).toEqual(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
      expect(lines.find((l) => l.startsWith('demo ') && l.includes(' kuard '))).toMatch(/demo\s+kuard\s+ClusterIP\s+10\.\S+\s+<none>\s+80\/TCP\s+\d+s/);
      expect(lines.some((l) => /^default\s+kubernetes\s+ClusterIP\s+10\.96\.0\.1\s/.test(l))).toBe(true);
    });

    it('get ingress -n demo', async () => {
      const r = await kubectl.run(['get', 'ingress', '-n', 'demo']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/ingress-wildcard-host\s+\S+\s+domain1\.bar\.com,domain2\.foo\.com\s+172\.18\.255\.200\s+80\s/);
      expect(r.stdout).toMatch(/kuard\s+\S+\s+example\.example\.com\s+172\.18\.255\.200\s+80, 443\s/);
    });

    it('get pods, deployments and certificates', async () => {
      const pods = await kubectl.run(['get', 'pods', '-n', 'demo', '-l', 'app=image-backend']);
      expect(pods.code, pods.stderr).toBe(0);
      expect(pods.stdout.match(/image-backend-\S+\s+1\/1\s+Running/g)).toHaveLength(3);
      const certs = await kubectl.run(['get', 'certificates', '-n', 'demo']);
      expect(certs.code, certs.stderr).toBe(0);
      expect(certs.stdout).toMatch(/quickstart-example-tls\s+True\s+quickstart-example-tls/);
    });

    it('apply -f (client-side) creates every course object, then re-applies cleanly', async () => {
      const empty = await startSimulator({ scenario: 'empty' });
      try {
        const k = makeKubectl(bin, empty.kubeconfig);
        const r = await k.run(['apply', '-f', COURSE]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/namespace\/demo (created|configured)/); // demo exists for the namespaced token
        expect(r.stdout).toContain('service/my-app-service created');
        expect(r.stdout).toContain('ingress.networking.k8s.io/kuard created');
        expect(r.stdout).toContain('issuer.cert-manager.io/letsencrypt-prod created');
        const again = await k.run(['apply', '-f', COURSE]);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toMatch(/service\/my-app-service (unchanged|configured)/);
        // A real change through apply: strategic merge patch on the Deployment.
        const changed = readFileSync(COURSE, 'utf8').replace('replicas: 3', 'replicas: 4');
        const r3 = await k.run(['apply', '-f', '-'], changed);
        expect(r3.code, r3.stderr).toBe(0);
        expect(r3.stdout).toContain('deployment.apps/image-backend configured');
        await waitFor(() => empty.objects.list('v1', 'Pod', 'demo').filter((p) => p.metadata.labels?.app === 'image-backend').length === 4, '4 pods');
        const svc = empty.objects.get('v1', 'Service', 'demo', 'my-app-service');
        expect(svc?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeTruthy();
      } finally {
        await empty.close();
      }
    });

    it('apply --server-side creates every course object', async () => {
      const empty = await startSimulator({ scenario: 'empty' });
      try {
        const k = makeKubectl(bin, empty.kubeconfig);
        const r = await k.run(['apply', '--server-side', '-f', COURSE]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/service\/service1 serverside-applied/);
        const again = await k.run(['apply', '--server-side', '-f', COURSE]);
        expect(again.code, again.stderr).toBe(0);
        const svc = empty.objects.get('v1', 'Service', 'demo', 'service1');
        expect(svc?.metadata.managedFields?.some((m) => m.manager === 'kubectl' && m.operation === 'Apply')).toBe(true);
      } finally {
        await empty.close();
      }
    });

    it('expose deployment, get -o yaml, delete', async () => {
      const r = await kubectl.run(['expose', 'deployment', 'my-app', '--port=80', '--target-port=8080']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('service/my-app exposed');
      const y = await kubectl.run(['get', 'svc', 'my-app', '-o', 'yaml']);
      expect(y.code, y.stderr).toBe(0);
      const svc = parse(y.stdout) as { spec: { selector: Record<string, string>; ports: { port: number; targetPort: number; protocol: string }[]; clusterIP: string } };
      expect(svc.spec.selector).toEqual({ app: 'my-app' });
      expect(svc.spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8080, protocol: 'TCP' })]);
      expect(svc.spec.clusterIP).toMatch(/^10\./);
      const ep = await waitFor(async () => {
        const e = await kubectl.run(['get', 'endpoints', 'my-app', '-o', 'json']);
        const obj = JSON.parse(e.stdout) as { subsets?: { addresses: unknown[] }[] };
        return obj.subsets?.[0]?.addresses.length === 2 ? obj : undefined;
      }, 'endpoints for my-app');
      expect(ep.subsets?.[0].addresses).toHaveLength(2);
      const d = await kubectl.run(['delete', 'svc', 'my-app']);
      expect(d.code, d.stderr).toBe(0);
      expect(d.stdout).toContain('service "my-app" deleted');
      const g = await kubectl.run(['get', 'svc', 'my-app']);
      expect(g.code).not.toBe(0);
      expect(g.stderr).toContain('Error from server (NotFound): services "my-app" not found');
    });

    it('patch with strategic merge, merge and json patches', async () => {
      const s = await kubectl.run(['patch', 'deployment', 'my-app', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}']);
      expect(s.code, s.stderr).toBe(0);
      const dep = course.objects.get('apps/v1', 'Deployment', 'default', 'my-app');
      const containers = (dep?.spec as { template: { spec: { containers: { name: string; image: string; ports?: unknown[] }[] } } }).template.spec.containers;
      expect(containers).toHaveLength(1);
      expect(containers[0].image).toBe('nginx:1.27');
      expect(containers[0].ports).toHaveLength(1);
      const m = await kubectl.run(['patch', 'svc', 'service1', '-n', 'demo', '--type=merge', '-p', '{"metadata":{"labels":{"patched":"merge"}}}']);
      expect(m.code, m.stderr).toBe(0);
      const j = await kubectl.run(['patch', 'svc', 'service1', '-n', 'demo', '--type=json', '-p', '[{"op":"replace","path":"/metadata/labels/patched","value":"json"}]']);
      expect(j.code, j.stderr).toBe(0);
      expect(course.objects.get('v1', 'Service', 'demo', 'service1')?.metadata.labels?.patched).toBe('json');
    });

    it('scale (scale subresource) and describe', async () => {
      const sc = await kubectl.run(['scale', 'deployment', 'kuard', '-n', 'demo', '--replicas=3']);
      expect(sc.code, sc.stderr).toBe(0);
      expect(sc.stdout).toContain('deployment.apps/kuard scaled');
      await waitFor(() => course.objects.list('v1', 'Pod', 'demo').filter((p) => p.metadata.labels?.app === 'kuard').length === 3, '3 kuard pods');
      const d = await waitFor(async () => {
        const r = await kubectl.run(['describe', 'svc', 'kuard', '-n', 'demo']);
        return r.code === 0 && (r.stdout.match(/10\.244\.\d+\.\d+:8080/g) ?? []).length === 3 ? r : undefined;
      }, 'describe svc shows 3 endpoints');
      expect(d.stdout).toMatch(/Selector:\s+app=kuard/);
      const ing = await kubectl.run(['describe', 'ingress', 'kuard', '-n', 'demo']);
      expect(ing.code, ing.stderr).toBe(0);
      expect(ing.stdout).toContain('quickstart-example-tls terminates example.example.com');
    });

    it('shows apiserver validation errors', async () => {
      const bad = 'apiVersion: v1\nkind: Service\nmetadata: {name: bad-port, namespace: demo}\nspec:\n  ports: [{port: 70000}]\n';
      const r = await kubectl.run(['apply', '-f', '-'], bad);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    });

    it('get --watch sees a change', async () => {
      const child = spawn(bin, ['--kubeconfig', kubectl.kubeconfigPath, 'get', 'configmaps', '-n', 'demo', '--watch'], { env: { PATH: process.env.PATH, HOME: kubectl.home } });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      try {
        const before = course.faults.openWatches();
        await waitFor(() => course.faults.openWatches() > before, `kubectl watch to start (stderr=${err})`);
        const created = await request(course, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'watched-cm' }, data: { a: '1' } } });
        expect(created.status).toBe(201);
        await waitFor(() => out.includes('watched-cm'), `watch output to show watched-cm (stdout=${out} stderr=${err})`);
      } finally {
        child.kill('SIGTERM');
      }
      expect(out).toMatch(/watched-cm\s+1\s+\d+s/);
    });

    it('read-only kubeconfig gets Forbidden on writes', async () => {
      const ro = makeKubectl(bin, course.kubeconfigFor('readonly'));
      const r = await ro.run(['delete', 'svc', 'service2', '-n', 'demo']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('Error from server (Forbidden): services "service2" is forbidden: User "system:serviceaccount:kube-system:kube-sim-readonly" cannot delete resource "services"');
    });
  });
}
