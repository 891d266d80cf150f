/**
 * kubeconfig files for the simulator: the CA inline (`certificate-authority-data`) and a bearer
 * token per user.
 * @see https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/
 */
import { stringify } from 'yaml';

export function buildKubeconfig(opts: { server: string; caPem: string; token: string; user: string; namespace?: string; contextName?: string }): string {
  const ctx = opts.contextName ?? 'kube-sim';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kube-sim', cluster: { server: opts.server, 'certificate-authority-data': Buffer.from(opts.caPem, 'utf8').toString('base64') } }],
    users: [{ name: opts.user, user: { token: opts.token } }],
    contexts: [{ name: ctx, context: { cluster: 'kube-sim', user: opts.user, ...(opts.namespace ? { namespace: opts.namespace } : {}) } }],
    'current-context': ctx,
    preferences: {},
  });
}
