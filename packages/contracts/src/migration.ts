import { z } from 'zod';
import { ZText, ZUuid } from './common.js';
import { ZChange, ZChangePreview } from './changes.js';
import { ZDns1123Subdomain, ZNamespaceName } from './kubernetes.js';

/**
 * Ingress → Gateway API migration (issue 10): what to migrate, onto which Gateway, the preview
 * (both sides, the traffic-equivalence table, what was not translated, each produced object's
 * dry-run) and the submit that turns every produced object into one change of one batch.
 * docs/migration.md says how each Ingress field and annotation is translated.
 */

/** One Ingress, or every Ingress of a class in the namespace. */
export const ZMigrationSource = z
  .strictObject({
    namespace: ZNamespaceName,
    ingress: ZDns1123Subdomain.optional(),
    ingressClass: ZDns1123Subdomain.optional(),
  })
  .refine((s) => (s.ingress === undefined) !== (s.ingressClass === undefined), { message: 'name either one Ingress or an ingress class, not both or neither', path: ['ingress'] });

/** The Gateway the routes attach to: an existing one (its listeners extended as needed) or a new one of a GatewayClass. */
export const ZMigrationGateway = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('existing'), namespace: ZNamespaceName, name: ZDns1123Subdomain }),
  z.strictObject({ mode: z.literal('new'), namespace: ZNamespaceName, name: ZDns1123Subdomain, gatewayClassName: ZDns1123Subdomain }),
]);

export const ZPreviewMigrationRequest = z.strictObject({ source: ZMigrationSource, gateway: ZMigrationGateway });
export type TPreviewMigrationRequest = z.infer<typeof ZPreviewMigrationRequest>;

/** `Kind/namespace/name` → the resourceVersion the preview showed for that produced object ("" = it did not exist). */
export const ZBaseResourceVersions = z.record(
  z.string().max(400),
  z
    .string()
    .max(64)
    .regex(/^[0-9A-Za-z._-]*$/, 'must be a resourceVersion from a preview'),
);

export const ZSubmitMigrationRequest = z.strictObject({
  source: ZMigrationSource,
  gateway: ZMigrationGateway,
  /** From the preview: the submit refuses (409) when the objects it would produce are not the ones previewed. */
  baseResourceVersions: ZBaseResourceVersions,
  force: z.boolean().default(false),
  reason: ZText.max(500).optional(),
});
export type TSubmitMigrationRequest = z.infer<typeof ZSubmitMigrationRequest>;

export const ZMigrationListener = z.object({ name: z.string(), hostname: z.string().nullable(), port: z.number().int(), protocol: z.string(), certificateSecret: z.string().nullable() });

export const ZEquivalenceRow = z.object({
  ingress: z.string(),
  scheme: z.enum(['http', 'https']),
  host: z.string(),
  path: z.string(),
  pathType: z.string(),
  verdict: z.enum(['equal', 'changed', 'lost']),
  /** Each request sent to both sides, and where it went: `service:port /forwarded-path`, `308 → https://…`, `404`, `no listener`. */
  probes: z.array(z.object({ request: z.string(), before: z.string(), after: z.string() })),
});
export type TEquivalenceRow = z.infer<typeof ZEquivalenceRow>;

export const ZNotTranslated = z.object({ ingress: z.string(), field: z.string(), reason: z.string() });

export const ZMigrationObject = z.object({
  kind: z.enum(['Gateway', 'HTTPRoute']),
  namespace: z.string(),
  name: z.string(),
  yaml: z.string(),
  /** The pipeline's own preview of this object: dry-run diff, kubectl, warnings, baseResourceVersion. */
  preview: ZChangePreview,
});
export type TMigrationObject = z.infer<typeof ZMigrationObject>;

export const ZMigrationPreview = z.object({
  ingresses: z.array(z.object({ name: z.string(), yaml: z.string() })),
  gateway: z.object({ namespace: z.string(), name: z.string(), exists: z.boolean(), addedListeners: z.array(ZMigrationListener) }),
  objects: z.array(ZMigrationObject),
  equivalence: z.array(ZEquivalenceRow),
  notTranslated: z.array(ZNotTranslated),
});
export type TMigrationPreview = z.infer<typeof ZMigrationPreview>;

export const ZMigrationBatch = z.object({ batchId: ZUuid, changes: z.array(ZChange) });
export type TMigrationBatch = z.infer<typeof ZMigrationBatch>;

/** `Kind/namespace/name`: how a produced object is named in `baseResourceVersions`. */
export const migrationObjectKey = (o: { kind: string; namespace: string; name: string }) => `${o.kind}/${o.namespace}/${o.name}`;
