/**
 * What `kube-system` holds on a fresh cluster, so tools that infer cluster facts (DNS, kube-proxy,
 * which CNI plugin) find the usual objects.
 * @see https://kubernetes.io/docs/concepts/overview/components/
 */
import type { KubeObject } from './types.js';

export type Cni = 'cilium' | 'calico' | 'flannel' | 'none';

const CNI_DAEMONSETS: Record<Exclude<Cni, 'none'>, { name: string; label: string; image: string }> = {
  cilium: { name: 'cilium', label: 'cilium', image: 'quay.io/cilium/cilium:v1.16.5' },
  calico: { name: 'calico-node', label: 'calico-node', image: 'docker.io/calico/node:v3.29.1' },
  flannel: { name: 'kube-flannel-ds', label: 'flannel', image: 'docker.io/flannel/flannel:v0.26.2' },
};

function daemonSet(name: string, label: string, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', labels: { 'k8s-app': label } },
    spec: {
      selector: { matchLabels: { 'k8s-app': label } },
      template: { metadata: { labels: { 'k8s-app': label } }, spec: { hostNetwork: true, containers: [{ name, image }] } },
    },
  };
}

export function systemComponents(cni: Cni): KubeObject[] {
  const out: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.3',
                ports: [
                  { name: 'dns', containerPort: 53, protocol: 'UDP' },
                  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                ],
              },
            ],
          },
        },
      },
    },
    daemonSet('kube-proxy', 'kube-proxy', 'registry.k8s.io/kube-proxy:v1.31.9'),
  ];
  if (cni !== 'none') {
    const c = CNI_DAEMONSETS[cni];
    out.push(daemonSet(c.name, c.label, c.image));
  }
  return out;
}
