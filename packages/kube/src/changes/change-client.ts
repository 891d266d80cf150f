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
  /** One page of a list (`?labelSelector=…&limit=…`). */
  list(path: string): Promise<Dict[]>;
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
    async list(path) {
      const { body } = await kube.getJson(path, { kind: 'list', signal: AbortSignal.timeout(TIMEOUT_MS) });
      return isDict(body) && Array.isArray(body.items) ? body.items.filter(isDict) : [];
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
