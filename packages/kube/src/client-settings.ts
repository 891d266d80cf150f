/**
 * The settings every process that talks to clusters reads from its environment (api and
 * worker alike): where cluster API servers may be, and how much they may send. One schema, so
 * the two processes cannot drift apart; each app spreads it into its own env schema.
 * @see ../../../docs/security.md ("Address policy", "Caps on what a cluster can send")
 */
import { z } from 'zod';
import { type AddressPolicy, parseAllowedAddressClasses } from './address-policy.js';
import { type KubeClientLimits, kubeClientLimitsFromMegabytes } from './client.js';

export const clusterClientEnvShape = {
  /** Address classes, besides public ones, where cluster API servers may be: a comma list of `loopback`, `private` (default: none). */
  PORTICO_CLUSTER_ADDRESSES_ALLOWED: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseAllowedAddressClasses(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Caps on what a cluster's API server may send, in MB: discovery documents, one list page, one watch event. */
  KUBE_MAX_DISCOVERY_MB: z.coerce.number().positive().default(4),
  KUBE_MAX_LIST_PAGE_MB: z.coerce.number().positive().default(64),
  KUBE_MAX_WATCH_EVENT_MB: z.coerce.number().positive().default(16),
};

type ClusterClientEnv = z.infer<z.ZodObject<typeof clusterClientEnvShape>>;

/** What `KubeClient` and `checkConnection` take, from the parsed settings. */
export function clusterClientOptions(env: ClusterClientEnv): { addressPolicy: AddressPolicy; limits: KubeClientLimits } {
  return {
    addressPolicy: { allow: env.PORTICO_CLUSTER_ADDRESSES_ALLOWED },
    limits: kubeClientLimitsFromMegabytes({ discovery: env.KUBE_MAX_DISCOVERY_MB, listPage: env.KUBE_MAX_LIST_PAGE_MB, watchEvent: env.KUBE_MAX_WATCH_EVENT_MB }),
  };
}
