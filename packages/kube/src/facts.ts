/**
 * Cluster facts Portico shows next to the traffic map: which network plugin (CNI) moves pod
 * traffic, and which Ingress controllers are installed.
 * @see https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/network-plugins/
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
 */
import type { V1IngressClass } from '@kubernetes/client-node';
import { type Untrusted, metadataOf, stringOr } from './kinds/common.js';
import { ingressClassController, isDefaultIngressClass } from './kinds/ingress.js';

export interface WorkloadSummary {
  namespace: string;
  /** The DaemonSet's (or Deployment's) name. */
  name: string;
  /** Container images, init containers included. */
  images: string[];
}

interface CniRule {
  label: string;
  /** Exact workload names the plugin's manifests use. */
  names: readonly string[];
  /** Substrings of the image repository (registry and tag ignored). */
  images: readonly string[];
}

/**
 * In precedence order. Canal is Calico + Flannel, so it comes before both. When several are
 * present (Calico for policy on EKS's aws-node, Cilium chained on aws-node), the policy-capable
 * plugin listed first is reported, as that is what decides which pod traffic is allowed.
 * Namespaces are not checked: Calico's operator uses `calico-system`, Flannel `kube-flannel`,
 * OVN-Kubernetes `ovn-kubernetes`, the rest `kube-system`.
 */
const CNI_RULES: readonly CniRule[] = [
  { label: 'Canal', names: ['canal'], images: [] },
  { label: 'Cilium', names: ['cilium'], images: ['cilium/cilium'] },
  { label: 'Calico', names: ['calico-node'], images: ['calico/node'] },
  { label: 'Antrea', names: ['antrea-agent'], images: ['antrea/antrea-agent', 'antrea/antrea-ubuntu'] },
  { label: 'OVN-Kubernetes', names: ['ovnkube-node'], images: ['ovn-kubernetes', 'ovn-daemonset'] },
  { label: 'Weave Net', names: ['weave-net'], images: ['weaveworks/weave-kube'] },
  { label: 'kube-router', names: ['kube-router'], images: ['cloudnativelabs/kube-router'] },
  { label: 'Flannel', names: ['kube-flannel-ds', 'kube-flannel', 'flannel'], images: ['flannel/flannel', 'coreos/flannel', 'flannelcni-flannel', 'mirrored-flannel'] },
  { label: 'AWS VPC CNI', names: ['aws-node'], images: ['amazon-k8s-cni'] },
  { label: 'kindnet', names: ['kindnet'], images: ['kindnetd'] },
];

/** `quay.io/cilium/cilium:v1.16.3@sha256:…` → `quay.io/cilium/cilium`. */
function repository(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return (colon === -1 ? noDigest : noDigest.slice(0, colon)).toLowerCase();
}

function matches(rule: CniRule, w: WorkloadSummary): boolean {
  if (rule.names.includes(w.name)) return true;
  return w.images.some((image) => {
    const repo = repository(image);
    return rule.images.some((fragment) => repo.includes(fragment));
  });
}

/** A workload that runs both Calico's node agent and Flannel is Canal, whatever its name. */
function isCanal(w: WorkloadSummary): boolean {
  const repos = w.images.map(repository);
  return repos.some((r) => r.includes('calico/node')) && repos.some((r) => r.includes('flannel'));
}

/** The CNI plugin's name, from the cluster's DaemonSets; `null` when none is recognised. */
export function detectCni(workloads: readonly WorkloadSummary[]): string | null {
  if (workloads.some(isCanal)) return 'Canal';
  for (const rule of CNI_RULES) if (workloads.some((w) => matches(rule, w))) return rule.label;
  return null;
}

export interface IngressControllerInfo {
  /** The IngressClass name Ingresses refer to (`spec.ingressClassName`). */
  name: string;
  /** `spec.controller`, e.g. `k8s.io/ingress-nginx`. */
  controller: string;
  /** A name people recognise, e.g. `ingress-nginx`; the controller string when unknown. */
  label: string;
  isDefault: boolean;
}

/** `spec.controller` values from each project's IngressClass manifests. */
const CONTROLLER_LABELS: Readonly<Record<string, string>> = {
  'k8s.io/ingress-nginx': 'ingress-nginx',
  'nginx.org/ingress-controller': 'NGINX Ingress Controller (F5)',
  'traefik.io/ingress-controller': 'Traefik',
  'haproxy.org/ingress-controller': 'HAProxy Kubernetes Ingress',
  'haproxy-ingress.github.io/controller': 'HAProxy Ingress',
  'ingress.k8s.aws/alb': 'AWS Load Balancer Controller',
  'k8s.io/ingress-gce': 'GKE Ingress',
  'azure/application-gateway': 'Azure Application Gateway',
  'webapprouting.kubernetes.azure.com/nginx': 'AKS application routing (NGINX)',
  'projectcontour.io/ingress-controller': 'Contour',
  'ingress-controllers.konghq.com/kong': 'Kong',
  'istio.io/ingress-controller': 'Istio',
  'cilium.io/ingress-controller': 'Cilium',
  'apisix.apache.org/apisix-ingress-controller': 'Apache APISIX',
  'getambassador.io/ingress-controller': 'Emissary-ingress',
};

export function ingressControllerLabel(controller: string): string {
  return CONTROLLER_LABELS[controller] ?? controller;
}

/** The installed Ingress classes, sorted by name, with the default one marked. */
export function ingressControllers(ingressClasses: readonly Untrusted<V1IngressClass>[]): IngressControllerInfo[] {
  return ingressClasses
    .map((c) => {
      const controller = ingressClassController(c) ?? '';
      return {
        name: stringOr(metadataOf(c).name, ''),
        controller,
        label: controller ? ingressControllerLabel(controller) : 'unknown',
        isDefault: isDefaultIngressClass(c),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
