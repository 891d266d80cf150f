/**
 * The REST semantics of the apiserver over the store, independent of HTTP: get/list/create/
 * update/patch/delete with validation, defaulting, admission, optimistic concurrency,
 * dry-run, field validation and managedFields. Controllers use it too.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/
 */
import { randomUUID } from 'node:crypto';
import type { ServiceAdmission } from './admission/service.js';
import type { SimClock } from './clock.js';
import { applyDefaults } from './defaults.js';
import { applyJsonPatch } from './patch/json-patch.js';
import { applyMergePatch } from './patch/merge-patch.js';
import { duplicateListKey, recordUpdate, serverSideApply } from './patch/server-side-apply.js';
import { strategicMerge } from './patch/strategic-merge.js';
import { apiVersionOf, resourceKey, type ResourceRegistry, type ResourceType } from './resources.js';
import { fieldSelector, labelSelector } from './selectors.js';
import { ApiError, errors, fieldNotSupported, type StatusCause } from './status.js';
import { toJson, type Store } from './store.js';
import { isPlainObject, type Json, type KubeObject } from './types.js';
import { unknownFields } from './validation/fields.js';
import { validateGateway, validateHTTPRoute, validateReferenceGrant } from './validation/gateway-api.js';
import { validateIngress } from './validation/ingress.js';
import { validateMetadata } from './validation/metadata.js';
import { validateService, validateServiceUpdate } from './validation/service.js';
import { registryWarnings } from './warnings.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  /** Write to the `status` subresource (only status changes) instead of the main resource. */
  subresource?: string;
  force?: boolean;
  /** The caller hands the body over (freshly parsed or built): no defensive copy needed. */
  owned?: boolean;
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
  created: boolean;
}

export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continue?: string | null;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Validators get the metadata causes too: a CRD's CEL rules do not run after a blocking one. */
const VALIDATORS: Record<string, (o: KubeObject, metadataCauses: StatusCause[], old?: KubeObject) => StatusCause[]> = {
  Service: (o, _meta, old) => [...(old ? validateServiceUpdate(o, old) : []), ...validateService(o)],
  Ingress: validateIngress,
  HTTPRoute: validateHTTPRoute,
  Gateway: validateGateway,
  ReferenceGrant: validateReferenceGrant,
};

function continueToken(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: lastKey }), 'utf8').toString('base64url');
}

function parseContinue(token: string): string {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { start?: unknown };
    if (typeof c.start === 'string') return c.start;
  } catch {
    // fall through to the error below
  }
  throw errors.badRequest('continue key is not valid: invalid continue token');
}

/** Kinds whose defaults are applied before validation, as the apiserver's decoding does (Namespaces keep their old order). */
const DEFAULTED_BEFORE_VALIDATION = (kind: string) => kind !== 'Namespace';

/** JSON with object keys sorted: two objects built in different key orders compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

const withoutStatus = (o: KubeObject) => canonical({ ...o, status: undefined, metadata: undefined });

/**
 * An update that changes nothing but managedFields timestamps is not written: the apiserver puts
 * the old managedFields back (IgnoreManagedFieldsTimestampsTransformer) and storage then skips the
 * no-op, so the resourceVersion stays — what makes re-applying the same manifest idempotent.
 * @see https://github.com/kubernetes/apimachinery/blob/v0.36.3/pkg/util/managedfields/internal/versioncheck.go
 */
function sameButTimestamps(old: KubeObject, next: KubeObject): boolean {
  const bare = (o: KubeObject) => canonical({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: o.metadata.managedFields?.map((e) => ({ ...e, time: undefined })) } });
  return bare(old) === bare(next);
}

/** The apiserver's DeleteOptions.propagationPolicy values ("nil" is how it prints leaving it out). */
const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

export interface DeleteOptions {
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's encoding/json of an unstructured map: keys sorted (the annotation then ends in json.Encoder's newline). */
const sortedJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(sortedJson).join(',')}]`
    : isPlainObject(v)
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/**
 * A server-side apply by manager `kubectl` of an object that has the client-side apply annotation
 * rewrites that annotation to the applied config (lastAppliedUpdater), so a later client-side apply
 * diffs against it. kubectl ≥ 1.26 does this itself; older ones rely on the server.
 * @see https://github.com/kubernetes/apimachinery/blob/v0.36.3/pkg/util/managedfields/internal/lastappliedupdater.go
 */
function syncLastApplied(merged: KubeObject, patch: unknown): void {
  const config = structuredClone(patch) as KubeObject;
  const annotations = config.metadata?.annotations;
  if (annotations) {
    delete annotations[LAST_APPLIED];
    if (Object.keys(annotations).length === 0) delete config.metadata.annotations;
  }
  merged.metadata.annotations = { ...merged.metadata.annotations, [LAST_APPLIED]: `${sortedJson(config)}\n` };
}

/**
 * A write that sets managedFields itself replaces the ownership record (the fieldmanager decodes
 * the new object's entries and falls back to the live ones only when they are empty). kubectl
 * relies on it when `apply --server-side` takes over a client-side-applied object (csaupgrade).
 */
function withGivenOwnership(old: KubeObject, next: KubeObject): KubeObject {
  const given = next.metadata.managedFields;
  if (!Array.isArray(given) || given.length === 0 || JSON.stringify(given) === JSON.stringify(old.metadata.managedFields)) return old;
  return { ...old, metadata: { ...old.metadata, managedFields: given } };
}

export class ObjectApi {
  constructor(
    readonly store: Store,
    readonly registry: ResourceRegistry,
    readonly clock: SimClock,
    private readonly services: ServiceAdmission,
  ) {}

  get(rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const o = this.store.get(resourceKey(rt), rt.namespaced ? namespace : undefined, name);
    if (!o) throw errors.notFound(rt.plural, rt.group, name);
    return o;
  }

  find(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(resourceKey(rt), rt.namespaced ? namespace : undefined, name);
  }

  list(rt: ResourceType, namespace: string | undefined, opts: ListOptions = {}): ListResult {
    const ls = labelSelector(opts.labelSelector);
    const fs = fieldSelector(opts.fieldSelector, rt.kind);
    const rv = String(this.store.resourceVersion);
    let all = this.store.list(resourceKey(rt), rt.namespaced ? namespace : undefined);
    if (opts.continue) {
      const start = parseContinue(opts.continue);
      const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      // Binary search: the list is sorted by key.
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (key(all[mid]) <= start) lo = mid + 1;
        else hi = mid;
      }
      all = all.slice(lo);
    }
    const filtered = opts.labelSelector || opts.fieldSelector ? all.filter((o) => ls(o.metadata.labels) && fs(o)) : all;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    if (!limit || filtered.length <= limit) return { items: filtered, resourceVersion: rv };
    const items = filtered.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      resourceVersion: rv,
      continue: continueToken(Number(rv), `${last.metadata.namespace ?? ''}/${last.metadata.name}`),
      remainingItemCount: filtered.length - limit,
    };
  }

  private checkNamespace(rt: ResourceType, namespace: string | undefined, obj: KubeObject): void {
    if (!rt.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    obj.metadata.namespace = namespace ?? obj.metadata.namespace;
    if (!obj.metadata.namespace) throw errors.badRequest('the server could not find the requested resource: namespace is required');
    const nsRt = this.registry.mustForKind('v1', 'Namespace');
    if (!this.find(nsRt, undefined, obj.metadata.namespace)) throw errors.notFound('namespaces', '', obj.metadata.namespace);
  }

  private checkBody(rt: ResourceType, body: unknown, owned = false): KubeObject {
    if (!isPlainObject(body)) throw errors.badRequest('the body of the request must be a JSON object');
    const obj = (owned ? body : JSON.parse(JSON.stringify(body))) as unknown as KubeObject;
    obj.apiVersion ??= apiVersionOf(rt);
    obj.kind ??= rt.kind;
    if (obj.kind !== rt.kind || obj.apiVersion !== apiVersionOf(rt))
      throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(rt)}) or kind ${obj.kind} is not ${rt.kind}`);
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    return obj;
  }

  private fieldWarnings(obj: KubeObject, mode: FieldValidation | undefined): string[] {
    if (mode === 'Ignore') return [];
    const unknown = unknownFields(obj);
    if (unknown.length === 0) return [];
    if (mode === 'Strict') throw errors.badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
    return unknown.map((f) => `unknown field "${f}"`);
  }

  private validate(rt: ResourceType, obj: KubeObject, old?: KubeObject): void {
    const meta = validateMetadata(obj);
    const causes = [...meta, ...(VALIDATORS[rt.kind]?.(obj, meta, old) ?? [])];
    if (causes.length) throw errors.invalid(rt.kind, rt.group, obj.metadata.name ?? '', causes);
  }

  private strip(obj: KubeObject): void {
    for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
    // Decoding into the Go types (or a CRD's structural schema) drops unknown fields.
    for (const f of unknownFields(obj)) {
      const [head, sub] = f.split('.');
      if (sub === undefined) delete obj[head];
      else if ((head === 'spec' || head === 'metadata') && isPlainObject(obj[head])) delete (obj[head] as Record<string, unknown>)[sub];
    }
  }

  create(rt: ResourceType, namespace: string | undefined, body: unknown, opts: WriteOptions = {}): WriteResult {
    const obj = this.checkBody(rt, body, opts.owned);
    const warnings = this.fieldWarnings(obj, opts.fieldValidation);
    this.checkNamespace(rt, namespace, obj);
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    // The apiserver defaults while decoding, so validation sees defaulted objects.
    if (DEFAULTED_BEFORE_VALIDATION(rt.kind)) {
      this.strip(obj);
      applyDefaults(obj);
    }
    // Field ownership is computed from the request as decoded, before the registry fills anything in.
    const requested = structuredClone(obj);
    // The Service registry's IP-family and allocation pass comes before validation (BeginCreate).
    if (rt.kind === 'Service') this.services.prepareCreate(obj, !!opts.dryRun);
    this.validate(rt, obj);
    if (rt.kind === 'Service') this.services.dropAfterValidation(obj);
    if (this.find(rt, obj.metadata.namespace, obj.metadata.name ?? '')) throw errors.alreadyExists(rt.plural, rt.group, obj.metadata.name ?? '');
    this.strip(obj);
    applyDefaults(obj);
    applyDefaults(requested);
    const now = this.clock.timestamp();
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = now;
    delete obj.metadata.resourceVersion;
    if (obj.spec !== undefined || rt.kind === 'Deployment') obj.metadata.generation = 1;
    // Without a fieldManager (only server-side apply's create path) the given managedFields stand.
    if (opts.fieldManager !== undefined || !obj.metadata.managedFields)
      obj.metadata.managedFields = recordUpdate(undefined, requested, opts.fieldManager ?? 'unknown', obj.apiVersion, now, !!rt.feature);
    if (rt.kind === 'Service') this.services.admit(undefined, obj, !opts.dryRun);
    warnings.push(...registryWarnings(obj, undefined));
    // A dry-run create has no resourceVersion at all (Go's omitempty drops the empty string).
    if (opts.dryRun) return { object: obj, warnings, created: true };
    return { object: this.store.put(resourceKey(rt), obj), warnings, created: true };
  }

  update(rt: ResourceType, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions = {}): WriteResult {
    const obj = this.checkBody(rt, body, opts.owned);
    const warnings = this.fieldWarnings(obj, opts.fieldValidation);
    if (obj.metadata.name && obj.metadata.name !== name) throw errors.badRequest('the name of the object does not match the name on the URL');
    obj.metadata.name = name;
    const old = this.get(rt, namespace, name);
    this.checkNamespace(rt, namespace, obj);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw errors.conflict(rt.plural, rt.group, name);
    return this.commitUpdate(rt, old, obj, warnings, opts);
  }

  private commitUpdate(rt: ResourceType, old: KubeObject, obj: KubeObject, warnings: string[], opts: WriteOptions, managedFieldsDone = false): WriteResult {
    let next: KubeObject = obj;
    if (opts.subresource === 'status') next = { ...(JSON.parse(toJson(old)) as KubeObject), status: obj.status };
    else if (rt.hasStatus) next.status = old.status !== undefined ? (JSON.parse(JSON.stringify(old.status)) as Json) : next.status;
    next.metadata = { ...next.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, namespace: old.metadata.namespace, name: old.metadata.name };
    if (rt.kind === 'Service' && opts.subresource !== 'status') this.services.dropTypeDependentFields(old, next);
    if (DEFAULTED_BEFORE_VALIDATION(rt.kind)) {
      this.strip(next);
      applyDefaults(next);
    }
    if (rt.kind === 'Service' && opts.subresource !== 'status') {
      this.services.patchAllocatedValues(old, next);
      // The IP-family pass and allocation come before validation on updates too: their errors come alone.
      this.services.prepareUpdate(old, next, !!opts.dryRun);
    }
    this.validate(rt, next, old);
    if (rt.kind === 'Service' && opts.subresource !== 'status') this.services.dropAfterValidation(next);
    this.strip(next);
    applyDefaults(next);
    const now = this.clock.timestamp();
    const specChanged = withoutStatus(old) !== withoutStatus(next);
    next.metadata.generation = (old.metadata.generation ?? 1) + (specChanged && opts.subresource !== 'status' ? 1 : 0);
    if (!managedFieldsDone) next.metadata.managedFields = recordUpdate(withGivenOwnership(old, next), next, opts.fieldManager ?? 'unknown', next.apiVersion, now, !!rt.feature);
    if (rt.kind === 'Service' && opts.subresource !== 'status') this.services.admit(old, next, !opts.dryRun);
    if (opts.subresource !== 'status') warnings.push(...registryWarnings(next, old));
    if (sameButTimestamps(old, next)) return { object: old, warnings, created: false };
    if (opts.dryRun) return { object: { ...next, metadata: { ...next.metadata, resourceVersion: old.metadata.resourceVersion } }, warnings, created: false };
    return { object: this.store.put(resourceKey(rt), next), warnings, created: false };
  }

  patch(rt: ResourceType, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {}): WriteResult {
    if (type === 'apply') return this.apply(rt, namespace, name, patch, opts);
    const old = this.get(rt, namespace, name);
    // Patch a private copy: merge results share untouched subtrees with their input, and
    // defaulting/admission below mutate the result — the stored object must never change.
    const base = JSON.parse(toJson(old)) as Json;
    let patched: Json;
    if (type === 'json') patched = applyJsonPatch(base, patch);
    else if (!isPlainObject(patch)) throw errors.badRequest('patch body must be a JSON object');
    else if (type === 'merge') patched = applyMergePatch(base, patch);
    else patched = strategicMerge(base, patch);
    if (!isPlainObject(patched)) throw errors.badRequest('patch produced a non-object');
    const obj = patched as unknown as KubeObject;
    const warnings = this.fieldWarnings(obj, opts.fieldValidation);
    if (obj.metadata?.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) throw errors.conflict(rt.plural, rt.group, name);
    if (obj.metadata?.name !== name) throw errors.badRequest('metadata.name: Invalid value: the name of the object may not change');
    return this.commitUpdate(rt, old, obj, warnings, opts);
  }

  /** Server-side apply; creates the object when it does not exist. */
  private apply(rt: ResourceType, namespace: string | undefined, name: string, patch: unknown, opts: WriteOptions): WriteResult {
    if (!opts.fieldManager) throw errors.badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const config = this.checkBody(rt, patch);
    const duplicate = duplicateListKey(config as unknown as Json);
    const typedPatchError = (why: string) =>
      errors.typedPatch(
        `failed to create typed patch object (${rt.namespaced ? (namespace ?? '') : ''}/${name}; ${config.apiVersion.includes('/') ? config.apiVersion : `/${config.apiVersion}`}, Kind=${rt.kind}): ${why}`,
      );
    if (duplicate) throw typedPatchError(duplicate);
    // A field the kind's schema lacks cannot be typed, whatever fieldValidation says (custom resources are pruned instead).
    const unknown = rt.feature ? [] : unknownFields(config);
    if (unknown.length) throw typedPatchError(`.${unknown[0]}: field not declared in schema`);
    if (config.metadata.name && config.metadata.name !== name) throw errors.badRequest('the name of the object does not match the name on the URL');
    config.metadata.name = name;
    const warnings = this.fieldWarnings(config, opts.fieldValidation);
    const old = this.find(rt, namespace, name);
    const now = this.clock.timestamp();
    const merged = serverSideApply(old, config, {
      manager: opts.fieldManager,
      customResource: !!rt.feature,
      force: !!opts.force,
      apiVersion: config.apiVersion,
      time: now,
      plural: rt.plural,
      group: rt.group,
    });
    if (!old) {
      // Apply creates: create() keeps the managedFields computed above (no fieldManager given).
      const res = this.create(rt, namespace, merged, { ...opts, fieldValidation: 'Ignore', fieldManager: undefined, owned: true });
      return { ...res, warnings: [...warnings, ...res.warnings] };
    }
    if (opts.fieldManager === 'kubectl' && old.metadata.annotations?.[LAST_APPLIED] !== undefined) syncLastApplied(merged, patch);
    const rv = config.metadata.resourceVersion;
    if (rv && !/^\d+$/.test(rv)) throw errors.typedPatch(`strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`);
    if (rv && rv !== old.metadata.resourceVersion) throw errors.conflict(rt.plural, rt.group, name);
    return this.commitUpdate(rt, old, merged, warnings, opts, true);
  }

  /**
   * Deletes `name`. Preconditions (uid, resourceVersion) are checked on dry runs too. Foreground
   * and Orphan deletes go through a finalizer: the object is first stored with a
   * deletionTimestamp and that finalizer (what the call answers), then the garbage collector's
   * work is done at once and the object removed.
   * @see https://kubernetes.io/docs/concepts/architecture/garbage-collection/#cascading-deletion
   */
  delete(rt: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const policy = opts.propagationPolicy;
    if (policy !== undefined && !PROPAGATION_POLICIES.includes(policy)) {
      const cause = fieldNotSupported('propagationPolicy', policy, [...PROPAGATION_POLICIES, 'nil']);
      throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: ${cause.message}`, { group: 'meta.k8s.io', kind: 'DeleteOptions', causes: [cause] });
    }
    const old = this.get(rt, namespace, name);
    const kind = rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
    const precondition = (why: string) => new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${kind} "${name}": ${why}`, { name, group: rt.group || undefined, kind: rt.kind });
    const { uid, resourceVersion } = opts.preconditions ?? {};
    if (uid && uid !== old.metadata.uid)
      throw precondition(`the UID in the precondition (${uid}) does not match the UID in record (${old.metadata.uid}). The object might have been deleted and then recreated`);
    if (resourceVersion && resourceVersion !== old.metadata.resourceVersion)
      throw precondition(
        `the ResourceVersion in the precondition (${resourceVersion}) does not match the ResourceVersion in record (${old.metadata.resourceVersion}). The object might have been modified`,
      );
    const finalizer = policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;
    const marked = (o: KubeObject): KubeObject => ({
      ...o,
      metadata: { ...o.metadata, deletionTimestamp: this.clock.timestamp(), deletionGracePeriodSeconds: 0, finalizers: [...(o.metadata.finalizers ?? []), finalizer!] },
    });
    if (opts.dryRun) return finalizer ? marked(old) : old;
    const answer = finalizer ? this.store.put(resourceKey(rt), marked(old)) : undefined;
    const gone = this.store.remove(resourceKey(rt), rt.namespaced ? namespace : undefined, name) ?? old;
    if (rt.kind === 'Service') this.services.release(gone);
    if (policy !== 'Orphan') this.cascade(rt, gone);
    return answer ?? gone;
  }

  /** Garbage collection: a namespace takes its objects along; owners take their dependents. */
  private cascade(rt: ResourceType, gone: KubeObject): void {
    for (const t of this.registry.types) {
      if (!t.namespaced) continue;
      const inScope =
        rt.kind === 'Namespace' ? this.store.list(resourceKey(t), gone.metadata.name) : rt.namespaced ? this.store.list(resourceKey(t), gone.metadata.namespace) : this.store.list(resourceKey(t));
      for (const o of [...inScope]) {
        const owned = o.metadata.ownerReferences?.some((r) => r.uid === gone.metadata.uid);
        if (rt.kind === 'Namespace' || owned) {
          if (this.find(t, o.metadata.namespace, o.metadata.name ?? '')) this.delete(t, o.metadata.namespace, o.metadata.name ?? '');
        }
      }
    }
  }

  /** Controller write of a whole object's status (no validation, no managedFields churn). */
  writeStatus(rt: ResourceType, obj: KubeObject, status: Json): KubeObject | undefined {
    const cur = this.find(rt, obj.metadata.namespace, obj.metadata.name ?? '');
    if (!cur) return undefined;
    if (JSON.stringify(cur.status) === JSON.stringify(status)) return cur;
    return this.store.put(resourceKey(rt), { ...cur, status });
  }

  /** Controller-side replace of an object it owns (e.g. Endpoints), created when missing. */
  upsert(rt: ResourceType, obj: KubeObject, manager: string): KubeObject {
    const cur = this.find(rt, obj.metadata.namespace, obj.metadata.name ?? '');
    if (!cur) return this.create(rt, obj.metadata.namespace, obj, { fieldManager: manager, fieldValidation: 'Ignore' }).object;
    const next: KubeObject = { ...cur, ...obj, metadata: { ...cur.metadata, ...obj.metadata, resourceVersion: undefined } };
    // Compare after defaulting, or every reconcile would look like a change.
    const probe = structuredClone(next);
    applyDefaults(probe);
    if (rt.hasStatus) probe.status = cur.status;
    const body = (o: KubeObject) => JSON.stringify({ ...o, metadata: undefined });
    const meta = (o: KubeObject) => JSON.stringify([o.metadata.labels, o.metadata.annotations, o.metadata.ownerReferences]);
    if (body(probe) === body(cur) && meta(probe) === meta(cur)) return cur;
    return this.update(rt, cur.metadata.namespace, cur.metadata.name ?? '', next, { fieldManager: manager, fieldValidation: 'Ignore' }).object;
  }
}
