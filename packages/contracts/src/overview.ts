import { z } from 'zod';
import { CERTIFICATE_STATES } from './certificates.js';
import { ZUuid } from './common.js';

/**
 * The overview (issue 14): "is anything wrong with how traffic reaches our workloads?" — counts
 * and the problems, ranked by impact, each pointing at the object to open. Computed in SQL over
 * the synced copy (packages/db `sql/overview.ts`); the ranking is explained in docs/overview.md.
 */

export const ZOverviewQuery = z.strictObject({
  cluster: ZUuid.optional().describe('Only this cluster (the cluster page’s section)'),
});
export type TOverviewQuery = z.infer<typeof ZOverviewQuery>;

export const OVERVIEW_PROBLEM_TYPES = [
  'certificate-expired',
  'certificate-secret-missing',
  'certificate-hosts-not-covered',
  'backend-missing',
  'service-no-ready-endpoints',
  'service-selects-nothing',
  'cluster-not-syncing',
  'certificate-expiring',
  'load-balancer-pending',
] as const;
export type TOverviewProblemType = (typeof OVERVIEW_PROBLEM_TYPES)[number];

/** Where a problem's link goes: an object page, a certificate page or a cluster page. */
export const ZOverviewTarget = z.object({ type: z.enum(['object', 'certificate', 'cluster']), id: ZUuid });
export type TOverviewTarget = z.infer<typeof ZOverviewTarget>;

export const ZOverviewProblem = z.object({
  type: z.enum(OVERVIEW_PROBLEM_TYPES),
  /** 0–100, higher first: what breaks for users now ranks above what will, or might. */
  impact: z.number().int().min(0).max(100),
  severity: z.enum(['critical', 'warning']),
  clusterId: ZUuid,
  clusterName: z.string(),
  /** The object the problem is about: Service, Ingress, HTTPRoute, Certificate (a TLS Secret) or Cluster. */
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  message: z.string().describe('What is wrong, in words'),
  target: ZOverviewTarget,
});
export type TOverviewProblem = z.infer<typeof ZOverviewProblem>;

const count = z.number().int().min(0);

export const SERVICE_TYPES_COUNTED = ['ClusterIP', 'Headless', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

export const ZOverview = z.object({
  clusters: z.object({ total: count, notSyncing: count }),
  services: z.object({ total: count, byType: z.record(z.enum(SERVICE_TYPES_COUNTED), count) }),
  ingresses: count,
  httpRoutes: count,
  gateways: count,
  certificates: z.object({
    total: count,
    healthy: count.describe('Certificates with no state at all'),
    byState: z.record(z.enum(CERTIFICATE_STATES), count),
  }),
  problems: z.array(ZOverviewProblem).describe('Most impact first; at most `MAX_OVERVIEW_PROBLEMS`'),
  problemsTotal: count.describe('How many problems there are, shown or not'),
});
export type TOverview = z.infer<typeof ZOverview>;

export const MAX_OVERVIEW_PROBLEMS = 200;
