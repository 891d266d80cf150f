/**
 * Carries out one planned change on the cluster: server-side apply under Portico's field
 * manager, or a delete with preconditions. The resourceVersion the preview saw is a
 * precondition unless the author chose to apply over newer changes; fields another manager owns
 * are only taken with `force`.
 *
 * Safe to run again after a crash (the worker may be killed between the apiserver's answer and
 * recording it): when resuming, an apply whose dry-run changes nothing is already in effect and
 * is recorded as applied, not applied twice; a delete whose object is gone is done.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
import type { TChangeError } from '@portico/contracts';
import { type Dict, dictOf, metadataOf } from '../kinds/common.js';
import { slimObject } from '../slim.js';
import type { ChangeClient } from './change-client.js';
import { type FieldMapper, describeKubeFailure } from './kube-failure.js';
import { objectPath } from '../object-writes.js';
import type { ChangePlan } from './plan.js';

export interface ExecuteOptions {
  /** The target's resourceVersion at preview; `''` = it did not exist; `null` = no precondition. */
  baseResourceVersion: string | null;
  overwriteNewer: boolean;
  force: boolean;
  /** A previous attempt may have reached the cluster. */
  resuming: boolean;
  mapField: FieldMapper;
}

export interface Allocated {
  clusterIP: string | null;
  nodePorts: { port: number; protocol: string; nodePort: number }[];
}

export type ExecuteOutcome =
  | { state: 'applied'; before: Dict | null; after: Dict | null; uid: string | null; resourceVersion: string | null; allocated: Allocated; warnings: string[] }
  | { state: 'failed'; before: Dict | null; error: TChangeError; retryable: boolean; retryAfterSeconds?: number };

const rv = (obj: Dict | undefined | null): string | null => (typeof metadataOf(obj).resourceVersion === 'string' ? (metadataOf(obj).resourceVersion as string) : null);
const uidOf = (obj: Dict | undefined | null): string | null => (typeof metadataOf(obj).uid === 'string' ? (metadataOf(obj).uid as string) : null);

/** The object as recorded in the change's before/after: no managedFields, never a Secret's data. */
export const recordable = (obj: Dict | undefined | null): Dict | null => (obj ? slimObject<Dict & { metadata?: object }>(obj) : null);

/** What the apiserver allocated or defaulted on a Service: its cluster IP and node ports. */
export function allocatedOf(obj: Dict | undefined | null): Allocated {
  const spec = dictOf(dictOf(obj).spec);
  const ports = Array.isArray(spec.ports) ? spec.ports.map(dictOf) : [];
  return {
    clusterIP: typeof spec.clusterIP === 'string' ? spec.clusterIP : null,
    nodePorts: ports.filter((p) => typeof p.nodePort === 'number').map((p) => ({ port: Number(p.port), protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP', nodePort: Number(p.nodePort) })),
  };
}

function applied(before: Dict | undefined, after: Dict | undefined, warnings: string[]): ExecuteOutcome {
  return { state: 'applied', before: recordable(before), after: recordable(after), uid: uidOf(after ?? before), resourceVersion: rv(after), allocated: allocatedOf(after), warnings };
}

function conflict(before: Dict | undefined, message: string): ExecuteOutcome {
  return { state: 'failed', before: recordable(before), error: { reason: 'Conflict', message, fields: [], conflicts: [] }, retryable: false };
}

/** Keys sorted at every depth, so two serialisations of one object compare equal. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;

/**
 * Whether the dry-run's result is the live object: the apply would change nothing, so an
 * earlier attempt already made it. A dry-run answers with the live resourceVersion whatever it
 * would change (nothing is stored), so the content is compared, without field-manager
 * bookkeeping (its timestamps move) and status.
 */
export function sameContent(dryRun: Dict | undefined, live: Dict | undefined): boolean {
  if (!dryRun || !live) return false;
  const strip = (o: Dict) => {
    const { status: _status, ...rest } = o;
    const { managedFields: _managed, resourceVersion: _rv, generation: _generation, ...meta } = metadataOf(o);
    return canonical({ ...rest, metadata: meta });
  };
  return JSON.stringify(strip(dryRun)) === JSON.stringify(strip(live));
}

/** Why the live object no longer matches what the preview saw, or null when it does. */
export function preconditionFailure(base: string | null, live: Dict | undefined): string | null {
  if (base === null) return null;
  if (base === '' && live) return `The object was created by someone else after the preview (resourceVersion ${rv(live)}). Preview again, or apply over newer changes.`;
  if (base !== '' && !live) return 'The object was deleted after the preview. Preview again.';
  if (base !== '' && rv(live) !== base) return `The object changed after the preview (resourceVersion ${base} → ${rv(live)}). Preview again to see the new diff, or apply over newer changes.`;
  return null;
}

export async function executeChange(client: ChangeClient, plan: ChangePlan, options: ExecuteOptions): Promise<ExecuteOutcome> {
  const path = objectPath(plan.target);
  let before: Dict | undefined;
  try {
    before = await client.get(path);
    if (plan.operation === 'delete') return await deleteTarget(client, path, plan, before, options);

    const manifest = plan.manifest!;
    if (options.resuming && before) {
      const dry = await client.apply(path, manifest, { force: options.force, dryRun: true });
      if (sameContent(dry.object, before)) return applied(before, before, []);
    }
    const base = options.overwriteNewer ? null : options.baseResourceVersion;
    const stale = preconditionFailure(base, before);
    if (stale) return conflict(before, stale);
    // The apiserver checks it again atomically: someone may write between our read and the apply.
    const sent = base ? { ...manifest, metadata: { ...dictOf(manifest.metadata), resourceVersion: base } } : manifest;
    const result = await client.apply(path, sent, { force: options.force, dryRun: false });
    return applied(before, result.object, result.warnings);
  } catch (err) {
    const failure = describeKubeFailure(err, options.mapField);
    const { retryable, retryAfterSeconds, ...error } = failure;
    return { state: 'failed', before: recordable(before), error, retryable, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
}

async function deleteTarget(client: ChangeClient, path: string, plan: ChangePlan, before: Dict | undefined, options: ExecuteOptions): Promise<ExecuteOutcome> {
  if (!before) {
    if (options.resuming) return applied(undefined, undefined, []);
    return {
      state: 'failed',
      before: null,
      error: { reason: 'NotFound', message: `${plan.target.kind} ${plan.target.name} does not exist on the cluster (any more).`, fields: [], conflicts: [] },
      retryable: false,
    };
  }
  const base = options.overwriteNewer ? null : options.baseResourceVersion;
  const stale = preconditionFailure(base, before);
  if (stale) return conflict(before, stale);
  const uid = uidOf(before);
  const preconditions = { ...(uid ? { uid } : {}), ...(base ? { resourceVersion: base } : {}) };
  const result = await client.remove(path, { preconditions, dryRun: false, ...(plan.propagationPolicy ? { propagationPolicy: plan.propagationPolicy } : {}) });
  return { state: 'applied', before: recordable(before), after: null, uid, resourceVersion: null, allocated: allocatedOf(undefined), warnings: result.warnings };
}
