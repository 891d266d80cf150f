import { z } from 'zod';
import { ZCertificateDetail, ZCertificateListItem, ZCertificatePage } from './certificates.js';
import { ZChange, ZChangeList } from './changes.js';
import { ZCluster, ZClusterList } from './clusters.js';
import { ZProblem } from './errors.js';
import { INVENTORY_ITEMS, INVENTORY_KINDS, inventoryPageFor } from './inventory.js';
import { ZMember } from './members.js';
import { ZApiToken } from './tokens.js';

/**
 * The shapes a client names: each becomes `#/components/schemas/<name>` in the OpenAPI document
 * (and a named type in a generated client) instead of being inlined in every operation. The
 * examples are checked against their schemas by openapi.spec.ts.
 */
const CLUSTER = { id: '0b7d3f4e-5c1a-4e8b-9f2d-6a3c1e7b8d90', name: 'prod-eu' };
const CREATED = '2026-11-02T08:30:00Z';

const EXAMPLES = {
  Problem: {
    type: 'https://portico.dev/problems/validation-failed',
    title: 'Your request has invalid fields',
    status: 400,
    code: 'validation_failed',
    requestId: '5f0c6a1e-2b7d-4c39-8e21-9d4b7a0f3c55',
    detail: '1 invalid field in the query',
    invalid_params: [{ name: 'query.type', reason: 'is not a known parameter' }],
  },
  Cluster: {
    ...CLUSTER,
    server: 'https://203.0.113.10:6443',
    authKind: 'token',
    insecureSkipTlsVerify: false,
    enabled: true,
    requireApproval: false,
    status: 'ready',
    statusReason: null,
    lastSyncedAt: '2026-11-30T09:12:44.120Z',
    facts: {
      kubernetesVersion: 'v1.36.3',
      nodeCount: 3,
      cniPlugin: 'cilium',
      ingressClasses: [{ name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true }],
      gatewayApi: true,
      certManager: true,
    },
    syncProgress: {},
    warnings: [],
    syncWarnings: [],
    createdAt: CREATED,
  },
  Service: {
    id: '3c2e9a71-8d4f-4b6a-a1e5-7f0b2c9d4e18',
    cluster: CLUSTER,
    kind: 'Service',
    namespace: 'shop',
    name: 'web',
    labels: { app: 'web' },
    createdAt: CREATED,
    type: 'NodePort',
    headless: false,
    clusterIP: '10.96.12.34',
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }],
    external: [],
    dnsName: 'web.shop.svc.cluster.local',
    selector: { app: 'web' },
    endpoints: { ready: 2, total: 2 },
    selectorMatchesPods: true,
  },
  Ingress: {
    id: '8e1f4b2a-6c3d-4a7e-9b05-1d2c3e4f5a6b',
    cluster: CLUSTER,
    kind: 'Ingress',
    namespace: 'shop',
    name: 'web',
    labels: {},
    createdAt: CREATED,
    className: 'nginx',
    hosts: ['shop.example.com'],
    rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 80, serviceId: '3c2e9a71-8d4f-4b6a-a1e5-7f0b2c9d4e18', warning: null }] }],
    tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls', secretId: '6d5c4b3a-2e1f-4a0b-8c9d-7e6f5a4b3c2d', notAfter: '2027-01-30T08:29:59Z', daysLeft: 60 }],
    issuer: 'ClusterIssuer/letsencrypt-prod',
    address: ['203.0.113.20'],
  },
  TlsSecret: {
    id: '6d5c4b3a-2e1f-4a0b-8c9d-7e6f5a4b3c2d',
    cluster: CLUSTER,
    kind: 'Secret',
    namespace: 'shop',
    name: 'shop-tls',
    labels: { 'controller.cert-manager.io/fao': 'true' },
    createdAt: CREATED,
    subject: 'CN=shop.example.com',
    issuer: "CN=R11,O=Let's Encrypt,C=US",
    dnsNames: ['shop.example.com'],
    notBefore: '2026-11-01T08:30:00Z',
    notAfter: '2027-01-30T08:29:59Z',
    daysLeft: 60,
    managedBy: 'shop-tls',
  },
  Change: {
    id: '2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7',
    clusterId: CLUSTER.id,
    clusterName: CLUSTER.name,
    type: 'expose',
    operation: 'apply',
    target: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
    state: 'applied',
    author: { userId: '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910', email: 'ops@example.com', tokenId: null },
    reason: 'expose the shop on a node port for the load balancer',
    request: { type: 'expose', namespace: 'shop', source: { kind: 'Deployment', name: 'web' }, serviceType: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] },
    manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
    baseResourceVersion: null,
    overwriteNewer: false,
    force: false,
    before: null,
    after: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop', resourceVersion: '48211' } },
    result: {
      uid: '0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
      resourceVersion: '48211',
      allocated: { clusterIP: '10.96.12.34', nodePorts: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] },
      warnings: [],
      objectId: '3c2e9a71-8d4f-4b6a-a1e5-7f0b2c9d4e18',
    },
    error: null,
    attempts: 1,
    revertOfId: null,
    decision: null,
    createdAt: '2026-11-30T09:00:00Z',
    updatedAt: '2026-11-30T09:00:02Z',
    startedAt: '2026-11-30T09:00:01Z',
    finishedAt: '2026-11-30T09:00:02Z',
  },
  ApiToken: {
    id: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
    name: 'ci deploy',
    prefix: 'ptk_Q3vX9a',
    role: 'editor',
    createdBy: { id: '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910', email: 'ops@example.com' },
    createdAt: CREATED,
    expiresAt: '2027-02-01T00:00:00Z',
    lastUsedAt: null,
    revokedAt: null,
  },
} satisfies Record<string, Record<string, unknown>>;

type Component = { schema: z.ZodType; example?: Record<string, unknown> };

/** Inventory kinds whose Kubernetes kind would be ambiguous as a name. */
const INVENTORY_NAMES: Record<string, string> = { Secret: 'TlsSecret' };

function inventoryComponents(): Record<string, Component> {
  const out: Record<string, Component> = {};
  for (const kind of INVENTORY_KINDS) {
    const item = INVENTORY_ITEMS[kind];
    const k8sKind = (item.shape.kind as z.ZodLiteral<string>).value;
    const name = INVENTORY_NAMES[k8sKind] ?? k8sKind;
    out[name] = { schema: item, example: (EXAMPLES as Record<string, Record<string, unknown>>)[name] };
    out[`${name}Page`] = { schema: inventoryPageFor(kind) };
  }
  return out;
}

export function openApiComponents(): Record<string, Component> {
  return {
    Problem: { schema: ZProblem, example: EXAMPLES.Problem },
    Cluster: { schema: ZCluster, example: EXAMPLES.Cluster },
    ClusterList: { schema: ZClusterList },
    ...inventoryComponents(),
    Certificate: { schema: ZCertificateDetail },
    CertificateSummary: { schema: ZCertificateListItem },
    CertificatePage: { schema: ZCertificatePage },
    Change: { schema: ZChange, example: EXAMPLES.Change },
    ChangePage: { schema: ZChangeList },
    ApiToken: { schema: ZApiToken, example: EXAMPLES.ApiToken },
    Member: { schema: ZMember },
  };
}

/**
 * Names the components in zod's global registry (where `.describe()` keeps descriptions), so that
 * `z.toJSONSchema` emits a `$ref` wherever one is used. Idempotent.
 */
export function registerOpenApiComponents(): void {
  for (const [id, { schema, example }] of Object.entries(openApiComponents())) {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id === id) continue;
    z.globalRegistry.add(schema, { ...meta, id, ...(example ? { example } : {}) });
  }
}
