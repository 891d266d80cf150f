import { z } from 'zod';
import { ZCursor, ZIsoDate, ZLimit, ZText, ZUuid, pageOf } from './common.js';

/**
 * The inventory: synced objects of every cluster of the organization, per kind, with the
 * filters a platform engineer reaches for. One query shape serves every kind.
 */
/**
 * `tls-secrets` lists kubernetes.io/tls Secrets and the certificate each holds; cert-manager's
 * Certificate objects are another thing, and the fleet's certificates as data are `/api/v1/certificates`.
 */
export const INVENTORY_KINDS = ['services', 'ingresses', 'gatewayclasses', 'gateways', 'httproutes', 'referencegrants', 'networkpolicies', 'tls-secrets'] as const;
export const ZInventoryKind = z.enum(INVENTORY_KINDS);
export type TInventoryKind = z.infer<typeof ZInventoryKind>;

const ZSelectorTerm = /^\s*!?[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?\s*((==?|!=)\s*[-A-Za-z0-9_.]*|\s+(in|notin)\s*\([-A-Za-z0-9_., ]*\))?\s*$/;

/** Filters that narrow a list; which of them a kind's list takes is `INVENTORY_FILTERS`. */
const filterShape = {
  cluster: ZUuid.optional().describe('Only this cluster'),
  namespace: ZText.max(253).optional(),
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Headless']).optional().describe('Services: the type ("Headless" = clusterIP None)'),
  class: ZText.max(253).optional().describe('Ingresses: ingressClassName; Gateways: gatewayClassName'),
  host: ZText.max(253).optional().describe('Ingresses, HTTPRoutes, TLS Secrets: a host name (exact, or *.suffix)'),
  label: z
    .string()
    .max(1000)
    .refine((s) => splitSelector(s).every((t) => ZSelectorTerm.test(t)), 'is not a label selector (e.g. app=web,tier!=cache,env in (prod,staging))')
    .optional()
    .describe('Kubernetes label selector'),
  q: ZText.max(200).optional().describe('Free text: name, host or DNS name contains'),
};
export type TInventoryFilter = keyof typeof filterShape;

/**
 * The filters each kind's list takes. A filter that means nothing for a kind (`type` on
 * Ingresses, `namespace` on cluster-scoped GatewayClasses) is refused with a 400 naming it,
 * rather than silently matching nothing. The web builds its filter bars from this table.
 */
export const INVENTORY_FILTERS: Readonly<Record<TInventoryKind, readonly TInventoryFilter[]>> = {
  services: ['cluster', 'namespace', 'type', 'label', 'q'],
  ingresses: ['cluster', 'namespace', 'class', 'host', 'label', 'q'],
  gatewayclasses: ['cluster', 'label', 'q'],
  gateways: ['cluster', 'namespace', 'class', 'label', 'q'],
  httproutes: ['cluster', 'namespace', 'host', 'label', 'q'],
  referencegrants: ['cluster', 'namespace', 'label', 'q'],
  networkpolicies: ['cluster', 'namespace', 'label', 'q'],
  'tls-secrets': ['cluster', 'namespace', 'host', 'label', 'q'],
};

const pageShape = {
  sort: z.enum(['name', '-name', 'namespace', '-namespace', 'cluster', '-cluster', 'age', '-age']).default('name'),
  limit: ZLimit,
  cursor: ZCursor.optional(),
};

/** Every filter at once: the type the API's inventory service takes. */
export const ZInventoryQuery = z.strictObject({ ...filterShape, ...pageShape });

/** One kind's list query: its filters only (unknown parameters are refused). */
export function inventoryQueryFor(kind: TInventoryKind) {
  const filters = Object.fromEntries(INVENTORY_FILTERS[kind].map((f) => [f, filterShape[f]])) as Partial<typeof filterShape>;
  return z.strictObject({ ...filters, ...pageShape });
}
export type TInventoryQuery = z.infer<typeof ZInventoryQuery>;

/** Splits a selector on commas that are not inside `in (...)` lists. */
export function splitSelector(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

/**
 * How a related object relates to the one shown, in the shown object's words:
 * `backend` (Ingress/HTTPRoute → Service) and `routed-from` (Service ← Ingress/HTTPRoute);
 * `selects` (Service → workload) and `selected-by` (workload → Service); `endpoint` (Service → a Pod
 * behind its endpoints); `parent` (HTTPRoute → Gateway) and `route` (Gateway ← HTTPRoute);
 * `class` (Ingress/Gateway → its class) and `class-of` (class ← Ingress/Gateway); `tls-secret`
 * (Ingress/Gateway → TLS Secret) and `tls-for` (Secret ← Ingress/Gateway); `certificate` (Secret → the
 * cert-manager Certificate that fills it), `secret` (Certificate → Secret), `issuer` and `issues`;
 * `grants` (ReferenceGrant → the Service/Secret of its namespace it opens) and `granted-by`; `permitted-by`
 * (HTTPRoute/Gateway → the ReferenceGrant that lets its reference cross namespaces).
 */
export const OBJECT_RELATIONS = [
  'backend',
  'routed-from',
  'selects',
  'selected-by',
  'endpoint',
  'parent',
  'route',
  'class',
  'class-of',
  'tls-secret',
  'tls-for',
  'certificate',
  'secret',
  'issuer',
  'issues',
  'grants',
  'granted-by',
  'permitted-by',
] as const;
export const ZObjectRelation = z.enum(OBJECT_RELATIONS);
export type TObjectRelation = z.infer<typeof ZObjectRelation>;

export const ZObjectRef = z.object({
  id: ZUuid.nullable().describe('Its object page; null when Portico has no copy (missing in the cluster, or a kind not synced such as Pods)'),
  kind: z.string(),
  namespace: z.string().describe("'' for cluster-scoped objects"),
  name: z.string(),
  relation: ZObjectRelation,
  note: z.string().nullable().describe('A fact about the link in plain words, e.g. "not in the cluster", "ready", "expires in 10 days", a class\'s controller'),
});
export type TObjectRef = z.infer<typeof ZObjectRef>;

const base = {
  id: ZUuid,
  cluster: z.object({ id: ZUuid, name: z.string() }),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  createdAt: ZIsoDate.nullable(),
};

const ZServicePort = z.object({ name: z.string().nullable(), port: z.number(), targetPort: z.union([z.number(), z.string()]).nullable(), protocol: z.string(), nodePort: z.number().nullable() });

export const ZServiceSummary = z.object({
  ...base,
  kind: z.literal('Service'),
  type: z.string(),
  headless: z.boolean(),
  clusterIP: z.string().nullable(),
  ports: z.array(ZServicePort),
  external: z.array(z.string()).describe('External IPs, load-balancer IPs/hostnames, or the ExternalName'),
  dnsName: z.string(),
  selector: z.record(z.string(), z.string()).nullable(),
  endpoints: z.object({ ready: z.number(), total: z.number() }),
  selectorMatchesPods: z.boolean().nullable().describe('null when the Service has no selector'),
});

export const ZIngressSummary = z.object({
  ...base,
  kind: z.literal('Ingress'),
  className: z.string().nullable(),
  hosts: z.array(z.string()),
  rules: z.array(
    z.object({
      host: z.string().nullable(),
      paths: z.array(
        z.object({
          path: z.string(),
          pathType: z.string(),
          service: z.string().nullable(),
          port: z.union([z.number(), z.string()]).nullable(),
          serviceId: ZUuid.nullable(),
          warning: z.string().nullable(),
        }),
      ),
    }),
  ),
  tls: z.array(
    z.object({
      hosts: z.array(z.string()),
      secretName: z.string().nullable(),
      secretId: ZUuid.nullable().describe("The TLS Secret's page; null when it is not in the cluster (yet)"),
      notAfter: ZIsoDate.nullable().describe("When the Secret's certificate expires (ISO 8601)"),
      daysLeft: z.number().nullable(),
    }),
  ),
  issuer: z.string().nullable().describe('cert-manager issuer from annotations, e.g. "ClusterIssuer/letsencrypt-prod"'),
  address: z.array(z.string()),
});

export const ZGenericSummary = z.object({ ...base, hosts: z.array(z.string()), details: z.record(z.string(), z.unknown()) });

/** A TLS Secret and the leaf certificate of its `tls.crt`. */
export const ZTlsSecretSummary = z.object({
  ...base,
  kind: z.literal('Secret'),
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  dnsNames: z.array(z.string()),
  notBefore: ZIsoDate.nullable(),
  notAfter: ZIsoDate.nullable(),
  daysLeft: z.number().nullable(),
  managedBy: z.string().nullable().describe('cert-manager Certificate that maintains this secret'),
});

export const ZInventoryItem = z.union([ZServiceSummary, ZIngressSummary, ZTlsSecretSummary, ZGenericSummary]);
export type TServiceSummary = z.infer<typeof ZServiceSummary>;
export type TIngressSummary = z.infer<typeof ZIngressSummary>;
export type TTlsSecretSummary = z.infer<typeof ZTlsSecretSummary>;
export type TGenericSummary = z.infer<typeof ZGenericSummary>;
export type TInventoryItem = z.infer<typeof ZInventoryItem>;

export const ZInventoryPage = pageOf(ZInventoryItem);
export type TInventoryPage = z.infer<typeof ZInventoryPage>;

/** A Gateway API kind or NetworkPolicy in its list: the generic summary with `kind` a constant. */
const genericSummaryOf = <K extends string>(kind: K) => ZGenericSummary.extend({ kind: z.literal(kind) });

/**
 * Each list's item schema, `kind` a constant in each, so that a client generated from the OpenAPI
 * document narrows a list's items (and `getObject`'s item) by `kind` without casts.
 */
export const INVENTORY_ITEMS = {
  services: ZServiceSummary,
  ingresses: ZIngressSummary,
  gatewayclasses: genericSummaryOf('GatewayClass'),
  gateways: genericSummaryOf('Gateway'),
  httproutes: genericSummaryOf('HTTPRoute'),
  referencegrants: genericSummaryOf('ReferenceGrant'),
  networkpolicies: genericSummaryOf('NetworkPolicy'),
  'tls-secrets': ZTlsSecretSummary,
} satisfies Record<TInventoryKind, z.ZodObject>;

/** A page of one kind's list. */
export type TInventoryPageOf<K extends TInventoryKind> = { items: z.infer<(typeof INVENTORY_ITEMS)[K]>[]; nextCursor: string | null };
const INVENTORY_PAGES = new Map<TInventoryKind, z.ZodType>(INVENTORY_KINDS.map((k) => [k, pageOf(INVENTORY_ITEMS[k])]));
/** One kind's list response: a page of that kind's items only (one instance per kind, so the OpenAPI document names it once). */
export const inventoryPageFor = <K extends TInventoryKind>(kind: K) => INVENTORY_PAGES.get(kind) as z.ZodType<TInventoryPageOf<K>>;

/** The workload kinds with object pages (Pods and ReplicaSets are not synced). */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type TWorkloadKind = (typeof WORKLOAD_KINDS)[number];

/**
 * A Deployment, StatefulSet or DaemonSet as its page shows it: what it runs, which pods it
 * manages and which Services send them traffic. `kind` is a constant per schema, so a client
 * narrows on it.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/
 */
function workloadSummary<K extends TWorkloadKind>(kind: K) {
  return z.object({
    ...base,
    kind: z.literal(kind),
    replicas: z.object({ desired: z.number(), ready: z.number() }).describe('DaemonSets: pods wanted on eligible nodes, and ready'),
    selector: z
      .object({
        matchLabels: z.record(z.string(), z.string()),
        matchExpressions: z.array(z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()) })),
      })
      .describe('spec.selector: the pods it manages'),
    podLabels: z.record(z.string(), z.string()).describe('spec.template.metadata.labels: what a Service selector must be a subset of'),
    containers: z.array(
      z.object({
        name: z.string().nullable(),
        image: z.string().nullable(),
        ports: z.array(z.object({ name: z.string().nullable(), containerPort: z.number(), protocol: z.string() })),
      }),
    ),
    services: z
      .array(z.object({ id: ZUuid, namespace: z.string(), name: z.string(), type: z.string(), ports: z.array(ZServicePort) }))
      .describe('Services of the same namespace whose selector is a subset of the pod labels'),
  });
}
export const ZDeploymentSummary = workloadSummary('Deployment');
export const ZStatefulSetSummary = workloadSummary('StatefulSet');
export const ZDaemonSetSummary = workloadSummary('DaemonSet');
export const ZWorkloadSummary = z.discriminatedUnion('kind', [ZDeploymentSummary, ZStatefulSetSummary, ZDaemonSetSummary]);
export type TWorkloadSummary = z.infer<typeof ZWorkloadSummary>;

export const ZInventoryObject = z.object({
  item: z.union([ZWorkloadSummary, ...ZInventoryItem.options]),
  yaml: z.string().describe('The synced object (managedFields removed; Secret data never)'),
  related: z.array(ZObjectRef),
});
export type TInventoryObject = z.infer<typeof ZInventoryObject>;

/**
 * One requirement of a label selector.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export interface LabelRequirement {
  key: string;
  op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';
  values: string[];
}

export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitSelector(selector).map((term) => {
    const set = /^([^\s!=]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (set)
      return {
        key: set[1],
        op: set[2] as 'in' | 'notin',
        values: set[3]
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      };
    const cmp = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (cmp) return { key: cmp[1], op: cmp[2] === '!=' ? 'neq' : 'eq', values: [cmp[3].trim()] };
    if (term.startsWith('!')) return { key: term.slice(1).trim(), op: 'notexists', values: [] };
    return { key: term, op: 'exists', values: [] };
  });
}
