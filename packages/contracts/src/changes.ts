import { z } from 'zod';
import { pageOf, ZCursor, ZIsoDate, ZLimit, ZText, ZUuid } from './common.js';
import { ZCidr, ZDns1123Subdomain, ZExternalName, ZIanaSvcName, ZIp, ZLabels, ZNamespaceName, ZNodePort, ZPortNumber, ZProtocol, ZQualifiedName, ZServiceName, ZDns1123Label } from './kubernetes.js';
import { ZIngressRequest } from './ingress-change.js';
import { ZGatewayListenersRequest, ZHttpRouteRequest, ZReferenceGrantRequest } from './gateway-change.js';

/**
 * The change pipeline's contracts (issue 9): what a caller may ask to change, the preview it
 * gets back, and the change record. Every Kubernetes rule the apiserver enforces on these
 * fields is enforced here first, so an invalid request never reaches a cluster.
 */

export const CHANGE_STATES = ['awaiting_approval', 'pending', 'applying', 'applied', 'failed', 'cancelled', 'rejected'] as const;
export const ZChangeState = z.enum(CHANGE_STATES);
export type TChangeState = z.infer<typeof ZChangeState>;
/** States a change never leaves. */
export const FINAL_CHANGE_STATES: readonly TChangeState[] = ['applied', 'failed', 'cancelled', 'rejected'];

export const CHANGE_TYPES = ['expose', 'service', 'externalName', 'delete', 'yaml', 'revert', 'ingress', 'httpRoute', 'gatewayListeners', 'referenceGrant'] as const;
export const ZChangeType = z.enum(CHANGE_TYPES);
export type TChangeType = z.infer<typeof ZChangeType>;

/** Kinds Portico syncs and lets you edit as YAML or delete, with their API versions. */
export const EDITABLE_KINDS = {
  Service: { apiVersion: 'v1', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', namespaced: true },
  IngressClass: { apiVersion: 'networking.k8s.io/v1', namespaced: false },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', namespaced: true },
  GatewayClass: { apiVersion: 'gateway.networking.k8s.io/v1', namespaced: false },
  Gateway: { apiVersion: 'gateway.networking.k8s.io/v1', namespaced: true },
  HTTPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', namespaced: true },
  Certificate: { apiVersion: 'cert-manager.io/v1', namespaced: true },
  Issuer: { apiVersion: 'cert-manager.io/v1', namespaced: true },
  ClusterIssuer: { apiVersion: 'cert-manager.io/v1', namespaced: false },
  ReferenceGrant: { apiVersion: 'gateway.networking.k8s.io/v1beta1', namespaced: true },
} as const;
export type TEditableKind = keyof typeof EDITABLE_KINDS;
export const ZEditableKind = z.enum(Object.keys(EDITABLE_KINDS) as [TEditableKind, ...TEditableKind[]]);

export const EXPOSE_SOURCE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod', 'Service'] as const;
export const ZExposeSourceKind = z.enum(EXPOSE_SOURCE_KINDS);

export const ZServiceType = z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']);
export type TServiceType = z.infer<typeof ZServiceType>;

export const ZServicePortInput = z.strictObject({
  /** Required when the Service has more than one port (expose names them port-1, port-2… as kubectl does). */
  name: ZDns1123Label.max(15, 'must be no more than 15 characters').optional(),
  port: ZPortNumber,
  /** A number, or the name of a container port. Default: the port number. */
  targetPort: z.union([ZPortNumber, ZIanaSvcName]).optional(),
  protocol: ZProtocol.optional(),
  /** NodePort and LoadBalancer only; default: allocated by the cluster. */
  nodePort: ZNodePort.optional(),
});
export type TServicePortInput = z.infer<typeof ZServicePortInput>;

/** Fields a Service form sets besides its ports (both Expose and the Service editor). */
const serviceSpecShape = {
  serviceType: ZServiceType.optional(),
  /** `clusterIP: None`: no virtual IP, DNS answers with the pods' addresses. ClusterIP type only. */
  headless: z.boolean().optional(),
  selector: ZLabels.optional(),
  labels: ZLabels.optional(),
  sessionAffinity: z.enum(['None', 'ClientIP']).optional(),
  externalIPs: z.array(ZIp).max(16).optional(),
  loadBalancerIP: ZIp.optional(),
  loadBalancerClass: ZQualifiedName.optional(),
  loadBalancerSourceRanges: z.array(ZCidr).max(64).optional(),
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
};

interface ServiceSpecInput {
  serviceType?: TServiceType | undefined;
  headless?: boolean | undefined;
  ports?: TServicePortInput[] | undefined;
  loadBalancerIP?: string | undefined;
  loadBalancerClass?: string | undefined;
  loadBalancerSourceRanges?: string[] | undefined;
  externalTrafficPolicy?: string | undefined;
}

/** The apiserver's cross-field Service rules (ValidateService), in its words, on the field at fault. */
function checkServiceSpec(v: ServiceSpecInput, ctx: z.RefinementCtx, options: { portsNamedWhenMany: boolean }) {
  const type = v.serviceType ?? 'ClusterIP';
  const external = type === 'NodePort' || type === 'LoadBalancer';
  if (v.headless && type !== 'ClusterIP') ctx.addIssue({ code: 'custom', path: ['headless'], message: 'a headless Service (clusterIP None) must be of type ClusterIP' });
  if (type !== 'LoadBalancer') {
    for (const field of ['loadBalancerIP', 'loadBalancerClass', 'loadBalancerSourceRanges'] as const) {
      if (v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'may only be used when serviceType is LoadBalancer' });
    }
  }
  if (!external && v.externalTrafficPolicy !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['externalTrafficPolicy'], message: 'may only be set for externally-accessible services (NodePort or LoadBalancer)' });
  }
  const ports = v.ports ?? [];
  const names = new Set<string>();
  const portProtocols = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (options.portsNamedWhenMany && ports.length > 1 && !p.name) ctx.addIssue({ code: 'custom', path: ['ports', i, 'name'], message: 'is required when the Service has more than one port' });
    if (p.name) {
      if (names.has(p.name)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'name'], message: `duplicate port name ${p.name}` });
      names.add(p.name);
    }
    const key = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (portProtocols.has(key)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'port'], message: `duplicate port ${key}` });
    portProtocols.add(key);
    if (p.nodePort !== undefined) {
      if (!external) ctx.addIssue({ code: 'custom', path: ['ports', i, 'nodePort'], message: 'may only be set when serviceType is NodePort or LoadBalancer' });
      const nodeKey = `${p.nodePort}/${p.protocol ?? 'TCP'}`;
      if (nodePorts.has(nodeKey)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'nodePort'], message: `duplicate nodePort ${nodeKey}` });
      nodePorts.add(nodeKey);
    }
  });
}

export const ZExposeRequest = z
  .strictObject({
    type: z.literal('expose'),
    namespace: ZNamespaceName,
    source: z.strictObject({ kind: ZExposeSourceKind, name: ZDns1123Subdomain }),
    /** Default: the source's name (as kubectl). */
    name: ZServiceName.optional(),
    /** Default: every container port of the source (as kubectl). */
    ports: z.array(ZServicePortInput).min(1).max(100).optional(),
    ...serviceSpecShape,
  })
  .superRefine((v, ctx) => checkServiceSpec(v, ctx, { portsNamedWhenMany: false }));

/** Create or edit a Service: the fields given are applied (server-side apply), others keep their owners' values. */
export const ZServiceRequest = z
  .strictObject({
    type: z.literal('service'),
    namespace: ZNamespaceName,
    name: ZServiceName,
    ports: z.array(ZServicePortInput).min(1, 'a Service needs at least one port (or make it headless)').max(100),
    ...serviceSpecShape,
  })
  .superRefine((v, ctx) => checkServiceSpec(v, ctx, { portsNamedWhenMany: true }));

export const ZExternalNameRequest = z
  .strictObject({
    type: z.literal('externalName'),
    namespace: ZNamespaceName,
    name: ZServiceName,
    externalName: ZExternalName,
    ports: z
      .array(ZServicePortInput.omit({ nodePort: true }))
      .max(100)
      .optional(),
    labels: ZLabels.optional(),
  })
  .superRefine((v, ctx) => checkServiceSpec({ ports: v.ports }, ctx, { portsNamedWhenMany: true }));

export const ZObjectTarget = z.strictObject({
  kind: ZEditableKind,
  /** Empty for cluster-scoped kinds. */
  namespace: z.union([ZNamespaceName, z.literal('')]).default(''),
  name: ZDns1123Subdomain,
});
export type TObjectTarget = z.infer<typeof ZObjectTarget>;

const targetScope = (v: { kind: TEditableKind; namespace: string }, ctx: z.RefinementCtx, path: (string | number)[]) => {
  const namespaced = EDITABLE_KINDS[v.kind].namespaced;
  if (namespaced && !v.namespace) ctx.addIssue({ code: 'custom', path: [...path, 'namespace'], message: `is required for a ${v.kind}` });
  if (!namespaced && v.namespace) ctx.addIssue({ code: 'custom', path: [...path, 'namespace'], message: `must be empty: ${v.kind} is cluster-scoped` });
};

export const ZDeleteRequest = z
  .strictObject({
    type: z.literal('delete'),
    target: ZObjectTarget,
    propagationPolicy: z.enum(['Foreground', 'Background', 'Orphan']).optional(),
  })
  .superRefine((v, ctx) => targetScope(v.target, ctx, ['target']));

/** One object as YAML (or JSON), of a kind Portico syncs; parsed and checked by the API. */
export const ZYamlRequest = z.strictObject({
  type: z.literal('yaml'),
  yaml: ZText.min(1, 'is empty').max(256 * 1024, 'must be at most 256 KiB'),
});

export const ZChangeRequest = z.discriminatedUnion('type', [
  ZExposeRequest,
  ZServiceRequest,
  ZExternalNameRequest,
  ZDeleteRequest,
  ZYamlRequest,
  ZIngressRequest,
  ZHttpRouteRequest,
  ZGatewayListenersRequest,
  ZReferenceGrantRequest,
]);
export type TChangeRequest = z.infer<typeof ZChangeRequest>;
export type TExposeRequest = z.infer<typeof ZExposeRequest>;
export type TServiceRequest = z.infer<typeof ZServiceRequest>;
export type TExternalNameRequest = z.infer<typeof ZExternalNameRequest>;
export type TDeleteRequest = z.infer<typeof ZDeleteRequest>;
export type TYamlRequest = z.infer<typeof ZYamlRequest>;

export const ZPreviewChangeRequest = z.strictObject({ change: ZChangeRequest });
export type TPreviewChangeRequest = z.infer<typeof ZPreviewChangeRequest>;

export const ZSubmitChangeRequest = z.strictObject({
  change: ZChangeRequest,
  /** The target's resourceVersion the preview showed ("" = it did not exist): applying fails if it changed since, unless `overwriteNewer`. */
  baseResourceVersion: z
    .string()
    .max(64)
    .regex(/^[0-9A-Za-z._-]*$/, 'must be a resourceVersion from a preview')
    .optional(),
  overwriteNewer: z.boolean().default(false),
  /** Take over fields another field manager owns. Explicit, and recorded in the audit trail. */
  force: z.boolean().default(false),
  /** Why, for the change record and the approver. */
  reason: ZText.max(500).optional(),
});
export type TSubmitChangeRequest = z.infer<typeof ZSubmitChangeRequest>;

/** `Idempotency-Key`: the same key with the same body answers with the first change, never a second one. */
export const ZIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be 1-255 printable ASCII characters')
    .optional()
    .describe('A key unique to this submission (e.g. a UUID): retries with the same key and body get the first answer'),
});

export const ZChangeWarning = z.object({
  code: z.enum([
    'selector_matches_no_pod',
    'port_not_exposed',
    'node_port_taken',
    'node_port_range',
    'managed_by_tool',
    'field_owned_by_other_manager',
    'stops_resolving',
    'synced_copy_stale',
    'apiserver',
    // The Ingress editor's (issue 10): packages/kube/src/changes/ingress-warnings.ts
    'host_path_taken',
    'tls_secret_conflict',
    'backend_missing',
    'ingress_class_unserved',
    'no_default_ingress_class',
    'tls_secret_mismatch',
    'issuer_not_ready',
    // The Gateway API editors' (issue 10): packages/kube/src/changes/gateway-warnings.ts
    'parent_missing',
    'hostname_matches_no_listener',
    'listener_refuses_route',
    'reference_not_permitted',
  ]),
  message: z.string(),
  field: z.string().nullable(),
});
export type TChangeWarning = z.infer<typeof ZChangeWarning>;

export const ZFieldConflict = z.object({ manager: z.string(), field: z.string() });

export const ZChangeTargetRef = z.object({ apiVersion: z.string(), kind: z.string(), namespace: z.string(), name: z.string() });

export const ZChangePreview = z.object({
  target: ZChangeTargetRef,
  operation: z.enum(['apply', 'delete']),
  /** The manifest Portico will apply (empty for a delete), as YAML. */
  yaml: z.string(),
  /**
   * Unified diff of the live object against the object after the change, as the apiserver's
   * dry-run returned it. A dry-run allocates nothing: a cluster IP or node port the cluster
   * will choose reads `<allocated on apply>`.
   */
  diff: z.string(),
  live: z.object({
    exists: z.boolean(),
    resourceVersion: z.string().nullable(),
    /** Portico's synced copy; when it is older than the live object, the diff is still against the live one. */
    syncedResourceVersion: z.string().nullable(),
    syncedCopyStale: z.boolean(),
  }),
  /** Pass back on submit: the precondition for applying. */
  baseResourceVersion: z.string(),
  kubectl: z.array(z.string()),
  warnings: z.array(ZChangeWarning),
  conflicts: z.array(ZFieldConflict),
  /** Changes to make beside this one, each previewed and submitted on its own (a ReferenceGrant where a reference crosses namespaces). */
  companions: z.array(ZChangeRequest).optional(),
});
export type TChangePreview = z.infer<typeof ZChangePreview>;

export const ZChangeResult = z.object({
  uid: z.string().nullable(),
  resourceVersion: z.string().nullable(),
  allocated: z.object({
    clusterIP: z.string().nullable(),
    nodePorts: z.array(z.object({ port: z.number(), protocol: z.string(), nodePort: z.number() })),
  }),
  warnings: z.array(z.string()),
  /** The synced object's page, once the sync has stored it. */
  objectId: ZUuid.nullable(),
});

export const ZChangeError = z.object({
  reason: z.string(),
  message: z.string(),
  fields: z.array(z.object({ name: z.string(), reason: z.string() })),
  conflicts: z.array(ZFieldConflict),
});
export type TChangeError = z.infer<typeof ZChangeError>;

export const ZChange = z.object({
  id: ZUuid,
  clusterId: ZUuid,
  clusterName: z.string(),
  type: ZChangeType,
  operation: z.enum(['apply', 'delete']),
  target: ZChangeTargetRef,
  state: ZChangeState,
  author: z.object({ userId: ZUuid.nullable(), email: z.string().nullable(), tokenId: ZUuid.nullable() }),
  reason: z.string().nullable(),
  request: z.record(z.string(), z.unknown()),
  manifest: z.record(z.string(), z.unknown()).nullable(),
  baseResourceVersion: z.string().nullable(),
  overwriteNewer: z.boolean(),
  force: z.boolean(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  result: ZChangeResult.nullable(),
  error: ZChangeError.nullable(),
  attempts: z.number().int(),
  revertOfId: ZUuid.nullable(),
  decision: z.object({ byUserId: ZUuid.nullable(), at: ZIsoDate, reason: z.string().nullable() }).nullable(),
  createdAt: ZIsoDate,
  updatedAt: ZIsoDate,
  startedAt: ZIsoDate.nullable(),
  finishedAt: ZIsoDate.nullable(),
});
export type TChange = z.infer<typeof ZChange>;

export const ZChangeList = pageOf(ZChange);
export type TChangeList = z.infer<typeof ZChangeList>;

export const ZChangeQuery = z.strictObject({
  clusterId: ZUuid.optional(),
  state: ZChangeState.optional(),
  authorId: ZUuid.optional(),
  kind: ZEditableKind.optional(),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TChangeQuery = z.infer<typeof ZChangeQuery>;

export const ZDecideChangeRequest = z.strictObject({ reason: ZText.max(500).optional() });
export type TDecideChangeRequest = z.infer<typeof ZDecideChangeRequest>;
export const ZRevertChangeRequest = z.strictObject({ overwriteNewer: z.boolean().default(false), reason: ZText.max(500).optional() });
export type TRevertChangeRequest = z.infer<typeof ZRevertChangeRequest>;

/** The apply job's FIFO key: changes to one object run one at a time, in submission order. */
export const changeObjectKey = (c: { clusterId: string; kind: string; namespace: string; name: string }) => `${c.clusterId}/${c.kind}/${c.namespace}/${c.name}`;
