/**
 * Reading the API server's discovery documents (`/version`, `/api`, `/apis`): the connection
 * check and the worker's sync both decide from them what a cluster serves.
 * @see https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api
 */
import type { V1APIGroupList, V1APIVersions, VersionInfo } from '@kubernetes/client-node';
import { isDict } from './kinds/common.js';

export interface ServerVersion extends Pick<VersionInfo, 'gitVersion' | 'major' | 'minor'> {
  platform?: string;
}

/** `/version`, or undefined when the answer is not a Kubernetes version document. */
export function readServerVersion(body: unknown): ServerVersion | undefined {
  if (!isDict(body)) return undefined;
  const { gitVersion, major, minor, platform } = body as Partial<Record<keyof VersionInfo, unknown>>;
  if (typeof gitVersion !== 'string' || typeof major !== 'string' || typeof minor !== 'string') return undefined;
  return { gitVersion, major, minor, ...(typeof platform === 'string' ? { platform } : {}) };
}

/** Named API groups served (the core group is not listed) and, per group, its versions. */
export type ServedGroups = Map<string, Set<string>>;

/** The legacy `APIGroupList` of `/apis`, or undefined when the answer is not one. */
export function readApiGroupList(body: unknown): ServedGroups | undefined {
  if (!isDict(body) || body.kind !== 'APIGroupList' || !Array.isArray(body.groups)) return undefined;
  const out: ServedGroups = new Map();
  for (const g of (body as unknown as V1APIGroupList).groups) {
    if (typeof g?.name !== 'string') continue;
    out.set(g.name, new Set((g.versions ?? []).map((v) => v.version)));
  }
  return out;
}

/** Whether `/api` (an `APIVersions`) lists the core group's `v1`. */
export function servesCoreV1(body: unknown): boolean {
  return isDict(body) && Array.isArray(body.versions) && (body as unknown as V1APIVersions).versions.includes('v1');
}
