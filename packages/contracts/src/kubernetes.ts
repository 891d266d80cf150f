import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_REASON } from './common.js';

/**
 * Kubernetes' own validation rules for names, labels, ports and addresses, with the
 * apiserver's wording (k8s.io/apimachinery/pkg/util/validation), so that Portico refuses what
 * the apiserver would refuse before anything is sent to a cluster, naming the field.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_REASON);

export const ZDns1123Label = text()
  .max(63, 'must be no more than 63 characters')
  .regex(DNS1123_LABEL, "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");

/** Service names (and port names' cousins) are RFC 1035 labels: they must start with a letter. */
export const ZDns1035Label = text()
  .max(63, 'must be no more than 63 characters')
  .regex(DNS1035_LABEL, "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character");

export const ZDns1123Subdomain = text()
  .max(253, 'must be no more than 253 characters')
  .regex(DNS1123_SUBDOMAIN, "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");

export const ZNamespaceName = ZDns1123Label;
export const ZServiceName = ZDns1035Label;

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of up to 63 characters. */
export const ZQualifiedName = text().superRefine((key, ctx) => {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    ctx.addIssue({ code: 'custom', message: 'prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters' });
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    ctx.addIssue({
      code: 'custom',
      message: "name part must consist of at most 63 alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    });
  }
});

export const ZLabelValue = text()
  .max(63, 'must be no more than 63 characters')
  .refine((v) => v === '' || QUALIFIED_NAME_PART.test(v), "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");

/** Labels (and selectors): at most 64 pairs here, which no real form needs more of. */
export const ZLabels = z.record(ZQualifiedName, ZLabelValue).refine((v) => Object.keys(v).length <= 64, 'must have at most 64 entries');

export const ZPortNumber = z.number().int('must be an integer').min(1, 'must be between 1 and 65535, inclusive').max(65535, 'must be between 1 and 65535, inclusive');

/** The apiserver's default `--service-node-port-range`; a cluster with another range is told so by its dry-run. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
export const ZNodePort = z
  .number()
  .int('must be an integer')
  .min(NODE_PORT_RANGE.min, `must be in the range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`)
  .max(NODE_PORT_RANGE.max, `must be in the range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);

/** A container port name (IANA_SVC_NAME): what a targetPort may name. */
export const ZIanaSvcName = text()
  .max(15, 'must be no more than 15 characters')
  .regex(/^[-a-z0-9]+$/, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  .refine((v) => /[a-z]/.test(v), 'must contain at least one letter (a-z)')
  .refine((v) => !v.startsWith('-') && !v.endsWith('-'), 'must not begin or end with a hyphen')
  .refine((v) => !v.includes('--'), 'must not contain consecutive hyphens');

export const ZProtocol = z.enum(['TCP', 'UDP', 'SCTP']);
export const ZIp = z.union([z.ipv4(), z.ipv6()], { error: 'must be a valid IP address' });
export const ZCidr = z.union([z.cidrv4(), z.cidrv6()], { error: 'must be a valid CIDR, e.g. 10.0.0.0/8' });

/** An ExternalName target: a DNS name (a trailing dot is allowed, as in a fully qualified name). */
export const ZExternalName = text()
  .max(253, 'must be no more than 253 characters')
  .refine((v) => DNS1123_SUBDOMAIN.test(v.replace(/\.$/, '')), 'must be a valid DNS name (lower case letters, digits, "-" and "."), e.g. db.example.com');
