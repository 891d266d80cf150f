/**
 * Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job) and Pods: selectors, pod
 * template labels, containers' images and ports.
 * The coming workload builders (`kubectl expose`'s Service from a Deployment) and validators
 * live here too.
 * @see https://kubernetes.io/docs/concepts/workloads/
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
 */
import type { V1DaemonSet, V1Deployment, V1Pod, V1ReplicaSet, V1StatefulSet } from '@kubernetes/client-node';
import { type Dict, type Untrusted, dictOf, isDict, listOf, metadataOf, numberOr, specOf, statusOf, stringMap, stringOr, strings } from './common.js';

export type Workload = V1Deployment | V1StatefulSet | V1DaemonSet | V1ReplicaSet;

/** The pod spec: a Pod's own `spec`, a workload's `spec.template.spec`. */
function podSpecOf(obj: unknown): Dict {
  const spec = specOf(obj);
  return isDict(spec.template) ? dictOf(spec.template.spec) : spec;
}

/** `spec.selector.matchLabels` of a workload (matchExpressions are not read). */
export const workloadSelector = (workload: Untrusted<Workload>): Record<string, string> => stringMap(dictOf(specOf(workload).selector).matchLabels);

/** The labels its pods get: a workload's `spec.template.metadata.labels`, a Pod's own labels. */
export function podLabels(obj: Untrusted<Workload | V1Pod>): Record<string, string> {
  const template = specOf(obj).template;
  return stringMap(isDict(template) ? dictOf(template.metadata).labels : metadataOf(obj).labels);
}

/**
 * Whether every label of `selector` is on the pods (a Service's selector against a workload);
 * an empty selector selects nothing here, as a Service without one manages no endpoints.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export function selectsPods(selector: Record<string, string>, obj: Untrusted<Workload | V1Pod>): boolean {
  const labels = podLabels(obj);
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/** Images of the containers and init containers, in that order. */
export function containerImages(obj: Untrusted<Workload | V1Pod>): string[] {
  const pod = podSpecOf(obj);
  return strings([...listOf(pod.containers), ...listOf(pod.initContainers)].map((c) => (isDict(c) ? c.image : undefined)));
}

/**
 * The containers' ports (containerPort, name, protocol defaulting to TCP), in container order.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
 */
export function containerPorts(obj: Untrusted<Workload | V1Pod>): { containerPort: number; name: string | null; protocol: string }[] {
  return listOf(podSpecOf(obj).containers).flatMap((c) =>
    listOf(dictOf(c).ports).flatMap((p) => {
      const port = dictOf(p);
      const containerPort = numberOr(port.containerPort, null);
      return containerPort === null ? [] : [{ containerPort, name: stringOr(port.name, null), protocol: stringOr(port.protocol, 'TCP') }];
    }),
  );
}

/** One requirement of a label selector's `matchExpressions`. */
export interface LabelSelectorRequirementView {
  key: string;
  operator: string;
  values: string[];
}

/**
 * `spec.selector` in full: `matchLabels` and `matchExpressions` (a requirement without a key or
 * operator is not one). Services select by labels only; this is what the workload itself manages.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */
export function workloadLabelSelector(workload: Untrusted<Workload>): { matchLabels: Record<string, string>; matchExpressions: LabelSelectorRequirementView[] } {
  const selector = dictOf(specOf(workload).selector);
  const matchExpressions = listOf(selector.matchExpressions).flatMap((e) => {
    const r = dictOf(e);
    const key = stringOr(r.key, '');
    const operator = stringOr(r.operator, '');
    return key && operator ? [{ key, operator, values: strings(listOf(r.values)) }] : [];
  });
  return { matchLabels: workloadSelector(workload), matchExpressions };
}

/** The workload kinds whose replica counts Portico reads. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet';

/**
 * Desired and ready pods. Deployments, StatefulSets and ReplicaSets want `spec.replicas`
 * (default 1) and report `status.readyReplicas`; a DaemonSet wants one pod per eligible node,
 * which only its status knows (`desiredNumberScheduled`, `numberReady`). Absent counts are 0.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/#DeploymentSpec
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetStatus
 */
export function workloadReplicas(kind: WorkloadKind, workload: Untrusted<Workload>): { desired: number; ready: number } {
  const status = statusOf(workload);
  if (kind === 'DaemonSet') return { desired: numberOr(status.desiredNumberScheduled, 0), ready: numberOr(status.numberReady, 0) };
  return { desired: numberOr(specOf(workload).replicas, 1), ready: numberOr(status.readyReplicas, 0) };
}

/** A container as the inventory shows it: name, image and ports (init containers serve no traffic). */
export interface ContainerView {
  name: string | null;
  image: string | null;
  ports: { containerPort: number; name: string | null; protocol: string }[];
}

/** The pod's containers with their own ports, in order. */
export function workloadContainers(obj: Untrusted<Workload | V1Pod>): ContainerView[] {
  return listOf(podSpecOf(obj).containers).map((c) => {
    const container = dictOf(c);
    return { name: stringOr(container.name, null), image: stringOr(container.image, null), ports: containerPorts({ spec: { containers: [container] } }) };
  });
}
