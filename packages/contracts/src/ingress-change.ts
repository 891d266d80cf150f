import { z } from 'zod';
import { ZIsoDate, ZText } from './common.js';
import { ZDns1123Label, ZDns1123Subdomain, ZIanaSvcName, ZLabels, ZNamespaceName, ZPortNumber, ZQualifiedName } from './kubernetes.js';

/**
 * The Ingress editor's change (issue 10): create or edit an Ingress — class, rules, backends,
 * default backend, TLS, and cert-manager's issuer annotation. Every rule the apiserver's
 * ValidateIngressCreate enforces is enforced here first, in its words, on the request's field
 * (`change.rules.0.paths.1.path` for the apiserver's `spec.rules[0].http.paths[1].path`);
 * `packages/kube/test/ingress-validation.test.ts` holds the table against a real kube-apiserver.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/apis/networking/validation/validation.go
 */

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MESSAGE = "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
const WILDCARD_MESSAGE =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com')";
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Go's net.ParseIP: dotted IPv4 (each part ≤ 255) or anything with a ':' that is IPv6. */
function isIp(host: string): boolean {
  const v4 = IPV4.exec(host);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255);
  return host.includes(':') && z.ipv6().safeParse(host).success;
}

/** The problems of a host as the apiserver lists them: wildcard rules when it holds a `*`, else DNS-1123 subdomain (no port, no scheme). */
export function ingressHostProblems(host: string, { ipAllowed }: { ipAllowed: boolean }): string[] {
  const out: string[] = [];
  if (!ipAllowed && isIp(host)) out.push('must be a DNS name, not an IP address');
  if (host.includes('*')) {
    const rest = host.slice(2);
    if (!host.startsWith('*.') || rest.includes('*') || rest.length > 253 || !DNS1123_SUBDOMAIN.test(rest)) out.push(WILDCARD_MESSAGE);
    return out;
  }
  if (host.length > 253) out.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(host)) out.push(SUBDOMAIN_MESSAGE);
  return out;
}

const hostSchema = (ipAllowed: boolean) =>
  ZText.max(253, 'must be no more than 253 characters').superRefine((host, ctx) => {
    for (const message of ingressHostProblems(host, { ipAllowed })) ctx.addIssue({ code: 'custom', message });
  });

/** A rule's host: a DNS name, `*.example.com` as its leftmost label only, never an IP or a port. */
export const ZIngressHost = hostSchema(false);
/** A TLS entry's host: the same, except that the apiserver lets an IP through here. */
export const ZIngressTlsHost = hostSchema(true);

export const INGRESS_PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;
export const ZIngressPathType = z.enum(INGRESS_PATH_TYPES);

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** The apiserver's path rules per pathType: Prefix and Exact need an absolute, normalized path; ImplementationSpecific only an absolute one, or none. */
export function ingressPathProblems(path: string, pathType: string): string[] {
  if (pathType === 'ImplementationSpecific') return path !== '' && !path.startsWith('/') ? ['must be an absolute path'] : [];
  const out: string[] = [];
  if (!path.startsWith('/')) out.push('must be an absolute path');
  for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) out.push(`must not contain '${seq}'`);
  for (const suffix of INVALID_PATH_SUFFIXES) if (path.endsWith(suffix)) out.push(`cannot end with '${suffix}'`);
  return out;
}

/** A Service backend: its name (a DNS-1123 label since RelaxedServiceNameValidation, 1.36) and its port, by number or by the Service port's name. */
export const ZIngressBackend = z.strictObject({
  service: ZDns1123Label,
  port: z.union([ZPortNumber, ZIanaSvcName], { error: 'must be a port number (1-65535) or a port name' }),
});
export type TIngressBackend = z.infer<typeof ZIngressBackend>;

export const ZIngressPath = z
  .strictObject({
    /** Required for Prefix and Exact; ImplementationSpecific may leave it out (the controller decides). */
    path: ZText.max(4096, 'must be no more than 4096 characters').optional(),
    pathType: ZIngressPathType,
    backend: ZIngressBackend,
  })
  .superRefine((p, ctx) => {
    for (const message of ingressPathProblems(p.path ?? '', p.pathType)) ctx.addIssue({ code: 'custom', path: ['path'], message });
  });
export type TIngressPath = z.infer<typeof ZIngressPath>;

export const ZIngressRule = z.strictObject({
  /** No host: the rule matches every host. */
  host: ZIngressHost.optional(),
  paths: z.array(ZIngressPath).min(1, 'Required value: a rule needs at least one path').max(100),
});
export type TIngressRule = z.infer<typeof ZIngressRule>;

export const ZIngressTls = z.strictObject({
  /** Default: the controller's default certificate hosts. */
  hosts: z.array(ZIngressTlsHost).max(100).optional(),
  /** The `kubernetes.io/tls` Secret (in the Ingress's namespace); with an issuer, the Secret cert-manager fills. */
  secretName: ZDns1123Subdomain.optional(),
});
export type TIngressTls = z.infer<typeof ZIngressTls>;

/** cert-manager's ingress-shim reads these: an Issuer (the Ingress's namespace) or a ClusterIssuer. */
export const ZIngressIssuer = z.strictObject({ kind: z.enum(['Issuer', 'ClusterIssuer']), name: ZDns1123Subdomain });
export type TIngressIssuer = z.infer<typeof ZIngressIssuer>;

/** Annotations the issuer choice and the class field own; a request sets them through those, not by hand. */
export const INGRESS_ISSUER_ANNOTATIONS = { Issuer: 'cert-manager.io/issuer', ClusterIssuer: 'cert-manager.io/cluster-issuer' } as const;
export const LEGACY_INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Annotation values: the apiserver caps all of them at 256 KiB together; 64 of 16 KiB each stays under it. */
const ZAnnotations = z.record(ZQualifiedName, ZText.max(16 * 1024, 'must be no more than 16384 characters')).refine((v) => Object.keys(v).length <= 64, 'must have at most 64 entries');

/** Create or edit an Ingress: the fields given are applied (server-side apply, field manager `portico`); fields other managers own stay theirs. */
export const ZIngressRequest = z
  .strictObject({
    type: z.literal('ingress'),
    namespace: ZNamespaceName,
    name: ZDns1123Subdomain,
    /** An IngressClass name; none: the cluster's default class (if one is marked) serves it. */
    ingressClassName: ZDns1123Subdomain.optional(),
    labels: ZLabels.optional(),
    annotations: ZAnnotations.optional(),
    rules: z.array(ZIngressRule).max(100).default([]),
    /** Where requests no rule matches go. */
    defaultBackend: ZIngressBackend.optional(),
    tls: z.array(ZIngressTls).max(50).optional(),
    /** cert-manager issues the TLS entries' certificates into their secretNames. */
    issuer: ZIngressIssuer.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.rules.length === 0 && !v.defaultBackend) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'either `defaultBackend` or `rules` must be specified' });
    const annotations = v.annotations ?? {};
    // The apiserver (1.36) refuses the legacy annotation only when it names another class than the field.
    const legacyClass = annotations[LEGACY_INGRESS_CLASS_ANNOTATION];
    if (v.ingressClassName !== undefined && legacyClass !== undefined && legacyClass !== v.ingressClassName) {
      ctx.addIssue({ code: 'custom', path: ['annotations', LEGACY_INGRESS_CLASS_ANNOTATION], message: 'can not be set when the class field is also set' });
    }
    for (const key of Object.values(INGRESS_ISSUER_ANNOTATIONS)) {
      if (annotations[key] !== undefined) ctx.addIssue({ code: 'custom', path: ['annotations', key], message: 'is set by the issuer choice (`issuer`), not by hand' });
    }
    if (v.issuer) {
      // ingress-shim issues one Certificate per TLS entry, into its secretName; an entry without one gets nothing.
      if (!v.tls?.length) ctx.addIssue({ code: 'custom', path: ['tls'], message: 'needs at least one entry (hosts and a secretName) for cert-manager to issue a certificate' });
      v.tls?.forEach((t, i) => {
        if (!t.secretName) ctx.addIssue({ code: 'custom', path: ['tls', i, 'secretName'], message: 'is required with an issuer: cert-manager stores the certificate in this Secret' });
        if (!t.hosts?.length) ctx.addIssue({ code: 'custom', path: ['tls', i, 'hosts'], message: 'are required with an issuer: they become the certificate’s DNS names' });
      });
    }
  });
export type TIngressRequest = z.infer<typeof ZIngressRequest>;

/** The Ingress form's pickers for one namespace, from the synced copy. */
export const ZIngressOptionsQuery = z.strictObject({ namespace: ZNamespaceName });
export type TIngressOptionsQuery = z.infer<typeof ZIngressOptionsQuery>;

const ZReadyState = z.object({
  /** Null: no Ready condition yet (cert-manager has not looked at it). */
  ready: z.boolean().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});

export const ZIngressOptions = z.object({
  ingressClasses: z.array(z.object({ name: z.string(), controller: z.string().nullable(), isDefault: z.boolean() })),
  services: z.array(z.object({ name: z.string(), ports: z.array(z.object({ name: z.string().nullable(), port: z.number(), protocol: z.string() })) })),
  /** The namespace's Issuers and the cluster's ClusterIssuers, with their Ready state. */
  issuers: z.array(ZReadyState.extend({ kind: z.enum(['Issuer', 'ClusterIssuer']), name: z.string() })),
  /** The namespace's `kubernetes.io/tls` Secrets: the certificate's SANs and expiry. */
  tlsSecrets: z.array(z.object({ name: z.string(), dnsNames: z.array(z.string()), notAfter: ZIsoDate.nullable(), managedBy: z.string().nullable() })),
});
export type TIngressOptions = z.infer<typeof ZIngressOptions>;

/** After an Ingress change: per TLS entry, the Certificate cert-manager makes for it, its latest request, and the Secret. */
export const ZChangeCertificates = z.object({
  items: z.array(
    z.object({
      secretName: z.string(),
      hosts: z.array(z.string()),
      certificate: ZReadyState.extend({ name: z.string(), dnsNames: z.array(z.string()), notAfter: ZIsoDate.nullable() }).nullable(),
      request: ZReadyState.extend({ name: z.string() }).nullable(),
      secret: z.object({ dnsNames: z.array(z.string()), notAfter: ZIsoDate.nullable() }).nullable(),
    }),
  ),
  /** Whether the Ingress asks cert-manager for its certificates (an issuer annotation). */
  issuer: z.object({ kind: z.string(), name: z.string() }).nullable(),
});
export type TChangeCertificates = z.infer<typeof ZChangeCertificates>;

/** A hostname for the host view: a DNS name or a `*.` wildcard, as an Ingress rule may name it. */
export const ZHostParams = z.strictObject({ host: ZIngressHost });
export type THostParams = z.infer<typeof ZHostParams>;

/** Every Ingress, HTTPRoute and Gateway listener serving a hostname, across the organization's clusters, with the TLS certificate each serves it with. */
export const ZHostView = z.object({
  host: z.string(),
  routes: z.array(
    z.object({
      cluster: z.object({ id: z.string(), name: z.string() }),
      kind: z.enum(['Ingress', 'HTTPRoute', 'Gateway']),
      namespace: z.string(),
      name: z.string(),
      /** The synced object's page. */
      objectId: z.string(),
      /** The name the object lists that serves the host: the host itself, or a wildcard covering it. */
      matchedBy: z.string(),
      /** What it routes for the host: `path → service:port` lines (Ingress), listener names (Gateway), hostnames (HTTPRoute). */
      serves: z.array(z.string()),
      /** The Secret its TLS for this host comes from, and that certificate's facts; null without TLS (an HTTPRoute's TLS is its Gateway's). */
      tls: z
        .object({
          secretNamespace: z.string(),
          secretName: z.string(),
          found: z.boolean(),
          dnsNames: z.array(z.string()),
          notAfter: ZIsoDate.nullable(),
          covers: z.boolean(),
        })
        .nullable(),
    }),
  ),
});
export type THostView = z.infer<typeof ZHostView>;
