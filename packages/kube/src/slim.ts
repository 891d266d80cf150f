/**
 * What Portico stores of an object: everything useful for showing traffic paths, nothing that
 * is bookkeeping or secret. Secrets keep only the names of their keys, never a value, so no
 * credential can end up in our database, logs or API responses.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
 * @see https://kubernetes.io/docs/concepts/configuration/secret/
 */
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { type Dict, isDict } from './kinds/common.js';

/** `kubectl apply` stores the whole applied manifest here, Secret values included. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** A Secret without `data`/`stringData`: only the key names, sorted. */
export type SlimSecret = Omit<V1Secret, 'data' | 'stringData'> & { dataKeys: string[] };

/**
 * List responses omit `kind` on their items, so a Secret is also recognised by shape: the
 * apiserver always sets `type` on Secrets (default `Opaque`), and ConfigMaps have no `type`.
 */
function looksLikeSecret(obj: Dict, kind: string | undefined): boolean {
  if (kind !== undefined) return kind === 'Secret';
  if (obj.kind !== undefined) return obj.kind === 'Secret';
  return typeof obj.type === 'string' && (isDict(obj.data) || isDict(obj.stringData));
}

/** Kinds whose `spec.template` is a pod template. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Pod']);

/**
 * What is kept of a container: its name, image (cluster facts recognise the CNI by it) and
 * ports (traffic paths). `env` values, `command`/`args`, probes (their HTTP headers) and
 * lifecycle hooks routinely carry passwords and tokens, and nothing in Portico reads them.
 * @see https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/
 */
function slimContainer(c: unknown): unknown {
  if (!isDict(c)) return c;
  const kept: Dict = {};
  for (const key of ['name', 'image', 'ports'] as const) if (c[key] !== undefined) kept[key] = c[key];
  return kept;
}

/** Pod spec fields kept (an allow-list: volumes, env and the like can hold inline secrets). */
const POD_SPEC_KEPT = ['hostNetwork', 'serviceAccountName', 'nodeSelector', 'priorityClassName'] as const;

/**
 * A pod spec reduced to what inventory reads: containers (name, image, ports) and a few
 * scheduling facts. Volumes go whole (inline CSI/flex options, projected tokens…).
 */
function slimPodSpec(spec: unknown): unknown {
  if (!isDict(spec)) return spec;
  const kept: Dict = {};
  for (const key of ['containers', 'initContainers'] as const) if (Array.isArray(spec[key])) kept[key] = (spec[key] as unknown[]).map(slimContainer);
  for (const key of POD_SPEC_KEPT) if (spec[key] !== undefined) kept[key] = spec[key];
  return kept;
}

/** A pod template keeps its labels (services select pods by them) and a slimmed spec; its annotations go. */
function slimPodTemplate(template: unknown): unknown {
  if (!isDict(template)) return template;
  const metadata = isDict(template.metadata) && template.metadata.labels !== undefined ? { labels: template.metadata.labels } : {};
  return { metadata, spec: slimPodSpec(template.spec) };
}

/**
 * A copy of `obj` without `metadata.managedFields`, the last-applied annotation, Node image
 * lists (hundreds of entries, unused), Secret values, CertificateRequests' CSR and PEMs, and the parts of pod templates that
 * carry configuration (env, command, volumes…; see `slimPodSpec`). The input is not modified: the
 * levels this function changes (the object, `metadata`, `annotations`, a Node's `status`) are
 * copied; everything below them is shared with the input (a deep clone of every object of a
 * big list cost the sync more CPU than parsing it).
 * @param kind the object's kind when it came from a list (items have no `kind`)
 */
export function slimObject(obj: V1Secret, kind?: 'Secret'): SlimSecret;
export function slimObject<T extends KubernetesObject>(obj: T, kind?: string): T;
export function slimObject<T extends KubernetesObject>(obj: T, kind?: string): T | SlimSecret {
  const copy = { ...obj } as T & Dict;
  if (copy.metadata) {
    const { managedFields: _managedFields, ...metadata } = copy.metadata;
    if (metadata.annotations) {
      const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...annotations } = metadata.annotations;
      if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
      else delete metadata.annotations;
    }
    copy.metadata = metadata;
  }
  const effectiveKind = kind ?? copy.kind;
  if (effectiveKind === 'Node' && isDict(copy.status)) {
    const { images: _images, ...status } = copy.status;
    (copy as Dict).status = status;
  }
  if (effectiveKind !== undefined && WORKLOAD_KINDS.has(effectiveKind) && isDict(copy.spec)) {
    const spec = copy.spec;
    (copy as Dict).spec = effectiveKind === 'Pod' ? slimPodSpec(spec) : { ...spec, ...(spec.template !== undefined ? { template: slimPodTemplate(spec.template) } : {}) };
  }
  if (effectiveKind === 'CertificateRequest') {
    // The CSR and the issued PEMs: kilobytes each, per issuance, and the Secret already carries the certificate.
    // @see https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.CertificateRequestSpec
    if (isDict(copy.spec)) {
      const { request: _request, ...spec } = copy.spec;
      (copy as Dict).spec = spec;
    }
    if (isDict(copy.status)) {
      const { certificate: _certificate, ca: _ca, ...status } = copy.status;
      (copy as Dict).status = status;
    }
  }
  if (looksLikeSecret(copy, kind)) {
    const keys = new Set([...Object.keys(isDict(copy.data) ? copy.data : {}), ...Object.keys(isDict(copy.stringData) ? copy.stringData : {})]);
    delete copy.data;
    delete copy.stringData;
    return { ...copy, dataKeys: [...keys].sort() };
  }
  return copy;
}
