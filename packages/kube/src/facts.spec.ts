import type { V1IngressClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { detectCni, ingressControllers, type WorkloadSummary } from './facts.js';

const ks = (name: string, ...images: string[]): WorkloadSummary => ({ namespace: 'kube-system', name, images });
const kubeProxy = ks('kube-proxy', 'registry.k8s.io/kube-proxy:v1.31.2');

describe('detectCni', () => {
  it.each<[string, WorkloadSummary[]]>([
    ['Calico', [{ namespace: 'calico-system', name: 'calico-node', images: ['docker.io/calico/cni:v3.29.0', 'docker.io/calico/node:v3.29.0'] }]],
    ['Calico', [ks('renamed', 'quay.io/calico/node:v3.28.1@sha256:0123')]],
    ['Cilium', [ks('cilium', 'quay.io/cilium/cilium:v1.16.3@sha256:62d2a09bbef840a46099ac4c69421c90f84f28d018d479749049011329aa7f28')]],
    ['Flannel', [{ namespace: 'kube-flannel', name: 'kube-flannel-ds', images: ['docker.io/flannel/flannel-cni-plugin:v1.5.1-flannel2', 'docker.io/flannel/flannel:v0.26.0'] }]],
    ['Flannel', [ks('kube-flannel-ds-amd64', 'rancher/mirrored-flannelcni-flannel:v0.19.2')]],
    ['Weave Net', [ks('weave-net', 'ghcr.io/weaveworks/launcher/weave-kube:2.8.1', 'ghcr.io/weaveworks/launcher/weave-npc:2.8.1')]],
    ['Antrea', [ks('antrea-agent', 'antrea/antrea-agent-ubuntu:v2.2.0')]],
    ['AWS VPC CNI', [ks('aws-node', '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.18.5-eksbuild.1')]],
    ['kindnet', [ks('kindnet', 'docker.io/kindest/kindnetd:v20241023-a345ebe4')]],
    ['Canal', [ks('canal', 'docker.io/calico/cni:v3.29.0', 'docker.io/calico/node:v3.29.0', 'quay.io/coreos/flannel:v0.15.1')]],
    ['Canal', [ks('rke2-canal', 'rancher/hardened-calico:v3.28.1-build20240806', 'rancher/hardened-flannel:v0.25.5-build20240801', 'docker.io/calico/node:v3.28.1')]],
    ['kube-router', [ks('kube-router', 'docker.io/cloudnativelabs/kube-router:v2.2.1')]],
    ['OVN-Kubernetes', [{ namespace: 'ovn-kubernetes', name: 'ovnkube-node', images: ['ghcr.io/ovn-org/ovn-kubernetes/ovn-kube-ubuntu:master'] }]],
    // EKS with Calico for network policy: Calico decides which traffic is allowed.
    ['Calico', [ks('aws-node', 'amazon-k8s-cni:v1.18.5'), { namespace: 'calico-system', name: 'calico-node', images: ['calico/node:v3.29.0'] }]],
  ])('recognises %s', (expected, workloads) => {
    expect(detectCni([kubeProxy, ...workloads])).toBe(expected);
  });

  it('returns null when nothing is recognised', () => {
    expect(detectCni([kubeProxy, ks('coredns', 'registry.k8s.io/coredns/coredns:v1.11.3')])).toBeNull();
    expect(detectCni([])).toBeNull();
  });
});

describe('ingressControllers', () => {
  const cls = (name: string, controller: string, annotations?: Record<string, string>): V1IngressClass => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { controller },
  });

  it('labels known controllers and marks the default class', () => {
    expect(
      ingressControllers([
        cls('traefik', 'traefik.io/ingress-controller'),
        cls('nginx', 'k8s.io/ingress-nginx', { 'ingressclass.kubernetes.io/is-default-class': 'true' }),
        cls('alb', 'ingress.k8s.aws/alb', { 'ingressclass.kubernetes.io/is-default-class': 'false' }),
        cls('custom', 'example.com/my-controller'),
      ]),
    ).toEqual([
      { name: 'alb', controller: 'ingress.k8s.aws/alb', label: 'AWS Load Balancer Controller', isDefault: false },
      { name: 'custom', controller: 'example.com/my-controller', label: 'example.com/my-controller', isDefault: false },
      { name: 'nginx', controller: 'k8s.io/ingress-nginx', label: 'ingress-nginx', isDefault: true },
      { name: 'traefik', controller: 'traefik.io/ingress-controller', label: 'Traefik', isDefault: false },
    ]);
  });

  it('handles a class without spec', () => {
    expect(ingressControllers([{ metadata: { name: 'odd' } }])).toEqual([{ name: 'odd', controller: '', label: 'unknown', isDefault: false }]);
  });
});
