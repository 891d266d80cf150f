/**
 * Test clusters with the same shape whether they are the simulator or a real kube-apiserver
 * (packages/control-plane): an admin, a cluster-wide read-only and a one-namespace token, and a
 * second cluster without Gateway API or cert-manager. Suites run `describe.each` over them, so a
 * simulator answer is only trusted where the real apiserver gives the same one.
 */
import { startSimulator } from '@portico/kube-sim';
import { controlPlaneBinary, startControlPlane, type ControlPlane } from '../../control-plane/index.js';

export interface TestCluster {
  url: string;
  caPem: string;
  kubeconfig: string;
  tokens: { admin: string; readonly: string; namespaced: { token: string; namespace: string } };
  /** Another cluster (own CA) serving neither Gateway API nor cert-manager. */
  bare: { url: string; caPem: string; token: string };
  close(): Promise<void>;
}

export interface ClusterKind {
  name: string;
  start(): Promise<TestCluster>;
}

const simulator: ClusterKind = {
  name: 'simulator',
  async start() {
    const [sim, bare] = await Promise.all([startSimulator(), startSimulator({ gatewayApi: false, certManager: false })]);
    return {
      url: sim.url,
      caPem: sim.caPem,
      kubeconfig: sim.kubeconfig,
      tokens: sim.tokens,
      bare: { url: bare.url, caPem: bare.caPem, token: bare.tokens.admin },
      close: async () => void (await Promise.all([sim.close(), bare.close()])),
    };
  },
};

async function must<T>(cp: ControlPlane, method: string, path: string, body: unknown): Promise<T> {
  const res = await cp.request<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A ServiceAccount bound to `rules` (cluster-wide, or in its own namespace) and a TokenRequest token for it. */
async function serviceAccountToken(cp: ControlPlane, namespace: string, name: string, rules: unknown[], scope: 'cluster' | 'namespace'): Promise<string> {
  await must(cp, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name } });
  await must(cp, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { metadata: { name }, rules });
  const binding = { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name, namespace }] };
  if (scope === 'cluster') await must(cp, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { metadata: { name }, ...binding });
  else await must(cp, 'POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, { metadata: { name }, ...binding });
  const request = await must<{ status: { token: string } }>(cp, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 3600 },
  });
  return request.status.token;
}

const controlPlane: ClusterKind = {
  name: 'real control plane',
  async start() {
    // The bare cluster needs no controllers: etcd + apiserver only, so it starts faster.
    const [cp, bare] = await Promise.all([startControlPlane(), startControlPlane({ crds: false, controllerManager: false })]);
    try {
      const namespace = 'demo';
      await must(cp, 'POST', '/api/v1/namespaces', { metadata: { name: namespace } });
      // The simulator's read-only token reads everything, Secrets included (the built-in `view` role does not).
      const readonly = await serviceAccountToken(cp, 'kube-system', 'portico-readonly', [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }], 'cluster');
      const namespaced = await serviceAccountToken(cp, namespace, 'portico-namespaced', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'namespace');
      return {
        url: cp.url,
        caPem: cp.caPem,
        kubeconfig: cp.kubeconfig,
        tokens: { admin: cp.token, readonly, namespaced: { token: namespaced, namespace } },
        bare: { url: bare.url, caPem: bare.caPem, token: bare.token },
        close: async () => void (await Promise.all([cp.close(), bare.close()])),
      };
    } catch (err) {
      await Promise.all([cp.close(), bare.close()]);
      throw err;
    }
  },
};

const binary = controlPlaneBinary();

/** The clusters to run a suite against; the real one is left out (with the reason printed) only without a Go toolchain. */
export function clusterKinds(): { kinds: ClusterKind[]; skipped?: string } {
  if (binary.skip) {
    console.warn(`[control-plane] tests against the real control plane are skipped: ${binary.skip}`);
    return { kinds: [simulator], skipped: binary.skip };
  }
  return { kinds: [simulator, controlPlane] };
}
