/** The few cluster calls the change pipeline makes, over `KubeClient` (its caps and address checks included). */
import { KubeHttpError, type KubeClient } from '../client.js';
import { type Dict, isDict } from '../kinds/common.js';

/** The field manager of every change Portico applies: `kubectl get … --show-managed-fields` names Portico as the owner. */
export const FIELD_MANAGER = 'portico';

export interface WriteOutcome {
  object: Dict | undefined;
  warnings: string[];
}

export interface ChangeClient {
  /** One object, or `undefined` on 404. */
  get(path: string): Promise<Dict | undefined>;
  /** A list (`?labelSelector=…&limit=…`): its first page, or up to `pages` pages following `continue`. */
  list(path: string, options?: { pages?: number }): Promise<Dict[]>;
  apply(path: string, manifest: Dict, options: { force: boolean; dryRun: boolean }): Promise<WriteOutcome>;
  remove(path: string, options: { preconditions: { uid?: string; resourceVersion?: string }; propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; dryRun: boolean }): Promise<WriteOutcome>;
}

const TIMEOUT_MS = 30_000;

export function changeClientOf(kube: KubeClient): ChangeClient {
  return {
    async get(path) {
      try {
        const { body } = await kube.getJson(path, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        return isDict(body) ? body : undefined;
      } catch (err) {
        if (err instanceof KubeHttpError && err.status === 404) return undefined;
        throw err;
      }
    },
    async list(path, options = {}) {
      const items: Dict[] = [];
      let next: string | undefined;
      for (let page = 0; page < (options.pages ?? 1); page++) {
        const url = next === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}continue=${encodeURIComponent(next)}`;
        const { body } = await kube.getJson(url, { kind: 'list', signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!isDict(body)) break;
        if (Array.isArray(body.items)) items.push(...body.items.filter(isDict));
        const token = isDict(body.metadata) ? body.metadata.continue : undefined;
        if (typeof token !== 'string' || !token) break;
        next = token;
      }
      return items;
    },
    async apply(path, manifest, options) {
      const res = await kube.apply(path, manifest, { fieldManager: FIELD_MANAGER, force: options.force, dryRun: options.dryRun, signal: AbortSignal.timeout(TIMEOUT_MS) });
      return { object: res.object, warnings: res.warnings };
    },
    async remove(path, options) {
      const res = await kube.remove(path, { ...options, signal: AbortSignal.timeout(TIMEOUT_MS) });
      return { object: res.object, warnings: res.warnings };
    },
  };
}
