import { z } from 'zod';
import { ZIsoDate, ZUuid } from './common.js';

/**
 * A cluster name is a DNS-1123 label, so it can appear in URLs, kubeconfig contexts and
 * metric labels unchanged.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
 */
export const ZClusterName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit');

const ZPem = z
  .string()
  .max(64 * 1024)
  .regex(/-----BEGIN CERTIFICATE-----/, 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');

/**
 * What an Authorization header can carry: visible ASCII, no spaces (RFC 6750 `b64token` and
 * JWTs fit). A token with NUL or control characters would only fail later, in the worker.
 * Surrounding whitespace is allowed: it is trimmed (pasted tokens end in a newline).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
export const BEARER_TOKEN = /^[\x21-\x7E]+$/;
const ZBearerToken = z
  .string()
  .min(1)
  .max(16 * 1024)
  .refine((s) => BEARER_TOKEN.test(s.trim()), 'must be printable ASCII without spaces or control characters');

/** Credentials: a pasted/uploaded kubeconfig (with a chosen context), or a server URL + token. */
const ZClusterCredentials = z.strictObject({
  kubeconfig: z
    .string()
    .min(1)
    .max(1024 * 1024)
    .optional()
    .describe('kubeconfig YAML with inline data (`kubectl config view --raw --minify --flatten`)'),
  context: z.string().max(253).optional().describe('Which context of the kubeconfig to use, when it has several'),
  server: z.url().max(2048).optional().describe('API server URL (with `token`)'),
  token: ZBearerToken.optional().describe('Bearer token, e.g. a ServiceAccount token (with `server`)'),
  caPem: ZPem.optional().describe('CA bundle that signs the API server certificate (with `server`)'),
  insecureSkipTlsVerify: z.boolean().optional().describe('Accept any server certificate. Needs `allowInsecure: true` too'),
  allowInsecure: z.boolean().optional().describe('Explicit consent to register a cluster whose certificate is not verified'),
  skipConnectionCheck: z.boolean().optional().describe('Save without calling /version and discovery first'),
});

const credentialsGiven = (v: { kubeconfig?: string; server?: string; token?: string }) => !!v.kubeconfig !== !!(v.server || v.token);
const credentialsMessage = { message: 'give either kubeconfig, or server and token', path: ['kubeconfig'] };

export const ZRegisterClusterRequest = ZClusterCredentials.extend({ name: ZClusterName })
  .refine(credentialsGiven, credentialsMessage)
  .refine((v) => !v.server || !!v.token, { message: 'is required with server', path: ['token'] })
  .refine((v) => !v.token || !!v.server, { message: 'is required with token', path: ['server'] });
export type TRegisterClusterRequest = z.infer<typeof ZRegisterClusterRequest>;

export const ZUpdateClusterRequest = ZClusterCredentials.extend({ enabled: z.boolean().optional(), requireApproval: z.boolean().optional() })
  .refine((v) => !(v.kubeconfig && (v.server || v.token)), credentialsMessage)
  .refine((v) => !v.server || !!v.token, { message: 'is required with server', path: ['token'] })
  // A new token is checked like at registration, so it comes with its server (and CA) again.
  .refine((v) => !v.token || !!v.server, { message: 'is required with token (give server and caPem again with a new token)', path: ['server'] })
  .refine((v) => !!(v.kubeconfig || v.server) || v.enabled !== undefined || v.requireApproval !== undefined, {
    message: 'give new credentials (kubeconfig, or server and token), enabled or requireApproval',
  })
  .refine((v) => !!(v.kubeconfig || v.server) || (v.context ?? v.caPem ?? v.insecureSkipTlsVerify ?? v.allowInsecure ?? v.skipConnectionCheck) === undefined, {
    message: 'context, caPem, insecureSkipTlsVerify, allowInsecure and skipConnectionCheck go with new credentials',
  });
export type TUpdateClusterRequest = z.infer<typeof ZUpdateClusterRequest>;

/** The one list of cluster states: the Prisma enum and the sync's SQL are checked against it (packages/db). */
export const ZClusterStatus = z.enum(['pending', 'syncing', 'ready', 'unreachable', 'error']);
export type TClusterStatus = z.infer<typeof ZClusterStatus>;

export const ZClusterFacts = z.object({
  kubernetesVersion: z.string().nullable().optional(),
  nodeCount: z.number().int().optional(),
  cniPlugin: z.string().nullable().optional(),
  ingressClasses: z.array(z.object({ name: z.string(), controller: z.string(), isDefault: z.boolean() })).optional(),
  gatewayApi: z.boolean().optional(),
  certManager: z.boolean().optional(),
});

/**
 * An object the sync stored altered (characters Postgres cannot hold replaced by U+FFFD) or
 * skipped (it could not be stored at all); every other object of its kind is stored.
 */
export const ZSyncWarning = z.object({ kind: z.string(), namespace: z.string(), name: z.string(), message: z.string() });
export type TSyncWarning = z.infer<typeof ZSyncWarning>;
/** At most this many are kept per cluster. */
export const MAX_SYNC_WARNINGS = 50;

export const ZCluster = z.object({
  id: ZUuid,
  name: z.string(),
  server: z.string(),
  authKind: z.enum(['token', 'clientCertificate']),
  insecureSkipTlsVerify: z.boolean(),
  enabled: z.boolean(),
  /** Changes wait for an admin other than their author to approve them. */
  requireApproval: z.boolean(),
  status: ZClusterStatus,
  statusReason: z.string().nullable(),
  lastSyncedAt: ZIsoDate.nullable(),
  facts: ZClusterFacts,
  syncProgress: z.record(z.string(), z.object({ done: z.number(), total: z.number() })),
  warnings: z.array(z.string()),
  syncWarnings: z.array(ZSyncWarning).max(MAX_SYNC_WARNINGS),
  createdAt: ZIsoDate,
});
export type TCluster = z.infer<typeof ZCluster>;
export const ZClusterList = z.object({ items: z.array(ZCluster) });
export type TClusterList = z.infer<typeof ZClusterList>;
