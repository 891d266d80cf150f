/**
 * Server-side apply and `managedFields` bookkeeping, a faithful-enough subset: field sets per
 * manager (FieldsV1), conflicts when another manager owns a field with a different value,
 * `force` to take ownership, and removal of fields a manager stops applying.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
import { ApiError } from '../status.js';
import { deepClone, isPlainObject, type Json, type JsonObject, type KubeObject, type ManagedFieldsEntry } from '../types.js';
import { itemKey, listMapKeys } from './list-keys.js';

/** A path segment: `f:name` (field) or `k:{"name":"web"}` (keyed list item). */
type Path = string[];

const SKIP_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'deletionTimestamp', 'selfLink']);

/** Leaf paths of `obj` (status excluded: it belongs to the status subresource). */
export function fieldPaths(obj: JsonObject, base: Path = [], out: Path[] = [], top = true): Path[] {
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (top && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
    if (top && k === 'metadata' && isPlainObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (SKIP_META.has(mk) || mv === undefined) continue;
        walk(mk, mv, ['f:metadata'], out);
      }
      continue;
    }
    walk(k, v, base, out);
  }
  return out;
}

const BY_KEY_FIELDS = (field: string) => listMapKeys(field, []) !== undefined;

/**
 * Atomic fields, owned and replaced as a whole: label selectors (`+structType=atomic`, and a
 * Service's `+mapType=atomic` selector), an Ingress backend's port and resource reference.
 */
export function isAtomic(field: string, v: Json | undefined): boolean {
  if (field === 'selector') return true;
  // ServiceBackendPort, and TypedLocalObjectReference (an Ingress resource backend).
  return isPlainObject(v) && (field === 'port' || (field === 'resource' && 'kind' in v));
}

function walk(field: string, v: Json, base: Path, out: Path[]): void {
  const p = [...base, `f:${field}`];
  if (isAtomic(field, v)) out.push(p);
  // An empty keyed list has no items to own (an empty atomic list is owned as a whole).
  else if (Array.isArray(v) && v.length === 0 && BY_KEY_FIELDS(field)) return;
  else if (isPlainObject(v) && Object.keys(v).length > 0) {
    fieldPaths(v, p, out, false);
  } else if (Array.isArray(v) && v.length > 0) {
    const keys = listMapKeys(field, v);
    const ks = keys ? v.map((item) => itemKey(keys, item)) : [];
    if (keys && ks.every((k) => k !== undefined)) {
      v.forEach((item, i) => {
        const ip = [...p, `k:${ks[i]}`];
        out.push([...ip, '.']);
        if (isPlainObject(item)) fieldPaths(item, ip, out, false);
      });
    } else out.push(p);
  } else out.push(p);
}

/**
 * Go structs that are not pointers: always present in the typed object, so an update never "adds"
 * them and owns no presence (`.`) entry for them (`spec`, a Deployment's `template`, an Ingress path's `backend`…).
 */
const NON_POINTER_STRUCTS = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'backend', 'loadBalancer', 'resources']);

/**
 * The presence entries (`.`) an update owns: every map and keyed list it adds (absent before,
 * not empty after), as the apiserver's compare of old and new objects reports them. For custom
 * resources every object counts; for built-in kinds non-pointer structs do not.
 */
export function presencePaths(before: JsonObject | undefined, after: JsonObject, customResource: boolean, base: Path = [], top = true): Path[] {
  const out: Path[] = [];
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined || (top && (k === 'apiVersion' || k === 'kind' || k === 'status'))) continue;
    const b = before?.[k];
    if (top && k === 'metadata' && isPlainObject(v)) {
      const meta = Object.fromEntries(Object.entries(v).filter(([mk]) => !SKIP_META.has(mk)));
      out.push(...presencePaths(isPlainObject(b) ? b : undefined, meta, customResource, ['f:metadata'], false));
      continue;
    }
    const p = [...base, `f:${k}`];
    const added = b === undefined || b === null;
    if (isAtomic(k, v)) continue;
    if (isPlainObject(v) && Object.keys(v).length > 0) {
      if (added && (customResource || !NON_POINTER_STRUCTS.has(k))) out.push([...p, '.']);
      out.push(...presencePaths(isPlainObject(b) ? b : undefined, v, customResource, p, false));
    } else if (Array.isArray(v) && v.length > 0) {
      const keys = listMapKeys(k, v);
      const ks = keys ? v.map((item) => itemKey(keys, item)) : [];
      if (!keys || ks.some((key) => key === undefined)) continue;
      if (added) out.push([...p, '.']);
      const prev = new Map<string, Json>();
      if (Array.isArray(b)) for (const item of b) prev.set(itemKey(keys, item) ?? '', item);
      v.forEach((item, i) => {
        const old = prev.get(ks[i] ?? '');
        if (isPlainObject(item)) out.push(...presencePaths(isPlainObject(old) ? old : undefined, item, customResource, [...p, `k:${ks[i]}`], false));
      });
    }
  }
  return out;
}

const same = (a: Json | undefined, b: Json | undefined) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Leaf paths of `after` whose value differs from `before` (equal subtrees are skipped whole). */
export function changedPaths(before: JsonObject | undefined, after: JsonObject, base: Path = [], out: Path[] = [], top = true): Path[] {
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    if (top && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
    const b = before?.[k];
    if (top && k === 'metadata' && isPlainObject(v)) {
      const bm = isPlainObject(b) ? b : undefined;
      for (const [mk, mv] of Object.entries(v)) {
        if (SKIP_META.has(mk) || mv === undefined || same(bm?.[mk], mv)) continue;
        diffWalk(mk, bm?.[mk], mv, ['f:metadata'], out);
      }
      continue;
    }
    if (same(b, v)) continue;
    diffWalk(k, b, v, base, out);
  }
  return out;
}

function diffWalk(field: string, before: Json | undefined, v: Json, base: Path, out: Path[]): void {
  const p = [...base, `f:${field}`];
  if (isAtomic(field, v)) out.push(p);
  else if (isPlainObject(v) && Object.keys(v).length > 0) {
    changedPaths(isPlainObject(before) ? before : undefined, v, p, out, false);
  } else if (Array.isArray(v) && v.length > 0) {
    const keys = listMapKeys(field, v);
    const ks = keys ? v.map((item) => itemKey(keys, item)) : [];
    if (keys && ks.every((k) => k !== undefined)) {
      const prev = new Map<string, Json>();
      if (Array.isArray(before)) for (const item of before) prev.set(itemKey(keys, item) ?? '', item);
      v.forEach((item, i) => {
        const old = prev.get(ks[i] ?? '');
        if (old !== undefined && same(old, item)) return;
        const ip = [...p, `k:${ks[i]}`];
        if (old === undefined) out.push([...ip, '.']);
        if (isPlainObject(item)) changedPaths(isPlainObject(old) ? old : undefined, item, ip, out, false);
      });
    } else out.push(p);
  } else out.push(p);
}

/** The value at `path` in `obj`, or `undefined`. */
export function valueAt(obj: Json | undefined, path: Path): Json | undefined {
  let cur: Json | undefined = obj;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (seg === '.') return cur;
    if (seg.startsWith('f:')) cur = isPlainObject(cur) ? cur[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const field = path[i - 1]?.slice(2) ?? '';
      if (!Array.isArray(cur)) return undefined;
      const keys = listMapKeys(field, cur) ?? [];
      const want = seg.slice(2);
      cur = cur.find((item) => itemKey(keys, item) === want);
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

function removeAt(obj: JsonObject, path: Path): void {
  const parentPath = path[path.length - 1] === '.' ? path.slice(0, -2) : path.slice(0, -1);
  const last = path[path.length - 1] === '.' ? path[path.length - 2] : path[path.length - 1];
  const parent = valueAt(obj, parentPath);
  if (last.startsWith('f:') && isPlainObject(parent)) delete parent[last.slice(2)];
  else if (last.startsWith('k:') && Array.isArray(parent)) {
    const field = parentPath[parentPath.length - 1]?.slice(2) ?? '';
    const keys = listMapKeys(field, parent) ?? [];
    const i = parent.findIndex((item) => itemKey(keys, item) === last.slice(2));
    if (i >= 0) parent.splice(i, 1);
  }
}

/** Structure without a value: `{}`, `[]`, or maps of those (a config that has only these under a field owns nothing there). */
const hollow = (v: Json | undefined): boolean => (isPlainObject(v) && Object.values(v).every(hollow)) || (Array.isArray(v) && v.length === 0);

/** Maps left empty by a removal go too, unless another manager owns them (the apiserver removes the whole subtree). */
function pruneEmptyAncestors(obj: JsonObject, path: Path, ownedByOthers: Set<string>, minDepth = 1): void {
  const fields = path.filter((s) => s !== '.');
  for (let n = fields.length - 1; n >= minDepth; n--) {
    const parentPath = fields.slice(0, n);
    if (!parentPath[parentPath.length - 1].startsWith('f:')) return;
    const v = valueAt(obj, parentPath);
    if (v === undefined) continue; // already gone: look further up
    const empty = (isPlainObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
    if (!empty || ownedByOthers.has(keyOf(parentPath)) || ownedByOthers.has(keyOf([...parentPath, '.']))) return;
    removeAt(obj, parentPath);
  }
}

export function toFieldsV1(paths: Path[]): JsonObject {
  const root: JsonObject = {};
  for (const p of paths) {
    let cur = root;
    for (const seg of p) {
      const next = cur[seg];
      if (isPlainObject(next)) cur = next;
      else cur = cur[seg] = {};
    }
  }
  return collapsePresence(root);
}

/** A field that is a member with no children is written `{}`, not `{".": {}}` (fromFieldsV1 reads both alike). */
function collapsePresence(node: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(node)) {
    if (!isPlainObject(v)) continue;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '.' && k.startsWith('f:')) node[k] = {};
    else collapsePresence(v);
  }
  return node;
}

export function fromFieldsV1(f: JsonObject, base: Path = [], out: Path[] = []): Path[] {
  for (const [k, v] of Object.entries(f)) {
    const p = [...base, k];
    if (k === '.') out.push(p);
    else if (isPlainObject(v) && Object.keys(v).length > 0 && !(Object.keys(v).length === 1 && '.' in v && k.startsWith('f:'))) fromFieldsV1(v, p, out);
    else out.push(p);
  }
  return out;
}

const keyOf = (p: Path) => p.join('\u0000');

/** The keys of `paths` and of every ancestor of each (presence markers `.` left out). */
function withAncestors(paths: Path[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const fields = p.filter((s) => s !== '.');
    for (let n = 1; n <= fields.length; n++) out.add(keyOf(fields.slice(0, n)));
    out.add(keyOf(p));
  }
  return out;
}

/** `.spec.ports[port=80,protocol="TCP"].targetPort`, the way conflict messages print paths. */
function displayPath(p: Path): string {
  return p
    .filter((s) => s !== '.')
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      const k = JSON.parse(s.slice(2)) as Record<string, Json>;
      return `[${Object.entries(k)
        .map(([a, b]) => `${a}=${JSON.stringify(b)}`)
        .join(',')}]`;
    })
    .join('');
}

/** SSA merge: objects recurse, keyed lists merge per item, everything else replaces. */
function applyMerge(live: Json | undefined, config: Json, field = ''): Json {
  if (isAtomic(field, config)) return deepClone(config);
  if (isPlainObject(config)) {
    const out: JsonObject = isPlainObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(config)) if (v !== undefined) out[k] = applyMerge(out[k], v, k);
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    const keys = listMapKeys(field, [...config, ...live]);
    if (!keys) return deepClone(config);
    // Live items the config does not name stay first, in their order; then the applied items in
    // the applied order (merged with their live versions) — the order the apiserver produces.
    const liveByKey = new Map(live.map((x) => [itemKey(keys, x), x]));
    const configKeys = new Set(config.map((x) => itemKey(keys, x)));
    const out = live.filter((x) => !configKeys.has(itemKey(keys, x))).map((x) => deepClone(x));
    for (const item of config) {
      const prev = liveByKey.get(itemKey(keys, item));
      out.push(prev !== undefined ? applyMerge(deepClone(prev), item) : deepClone(item));
    }
    return out;
  }
  return deepClone(config);
}

export interface ApplyOptions {
  manager: string;
  /** A CRD-served kind (unstructured: no Go types smoothing nulls away). */
  customResource?: boolean;
  force: boolean;
  apiVersion: string;
  time: string;
  plural: string;
  group: string;
}

function entryPaths(e: ManagedFieldsEntry): Path[] {
  return fromFieldsV1(e.fieldsV1);
}

/** `.spec.ports: duplicate entries for key [port=80,protocol="TCP"]` for the first keyed list with a repeated key. */
export function duplicateListKey(v: Json, path = ''): string | undefined {
  if (!isPlainObject(v)) return undefined;
  for (const [k, child] of Object.entries(v)) {
    const p = `${path}.${k}`;
    if (Array.isArray(child)) {
      const keys = listMapKeys(k, child);
      const seen = new Set<string>();
      for (const [i, item] of child.entries()) {
        const key = keys ? itemKey(keys, item) : undefined;
        if (key !== undefined) {
          if (seen.has(key)) {
            const parts = Object.entries(JSON.parse(key) as Record<string, Json>).map(([a, b]) => `${a}=${JSON.stringify(b)}`);
            return `${p}: duplicate entries for key [${parts.join(',')}]`;
          }
          seen.add(key);
        }
        const inner = duplicateListKey(item, `${p}[${i}]`);
        if (inner) return inner;
      }
    } else {
      const inner = duplicateListKey(child as Json, p);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * How a conflict names its manager (printManager): `"kubectl"` for an applier, `"editor" using v1`
 * for an updater (the version it wrote with), `with subresource "status"` where it wrote one.
 * @see https://github.com/kubernetes/apimachinery/blob/v0.36.3/pkg/util/managedfields/internal/conflict.go
 */
function describeManager(e: { manager: string; operation?: string; apiVersion?: string; subresource?: string }): string {
  let name = JSON.stringify(e.manager);
  if (e.subresource) name += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name;
}

/** The 409 of a refused apply: causes only in `details` (no name or kind), several conflicts grouped by manager. */
function applyConflict(conflicts: { manager: string; path: Path }[]): ApiError {
  let message: string;
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${displayPath(conflicts[0].path)}`;
  else {
    const managers = [...new Set(conflicts.map((c) => c.manager))].sort();
    const lines = managers.flatMap((m) => [`conflicts with ${m}:`, ...conflicts.filter((c) => c.manager === m).map((c) => `- ${displayPath(c.path)}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: displayPath(c.path) })) });
}

/** Applies `config` over `live` (or creates from it). Throws 409 on conflicts unless forced. */
export function serverSideApply(live: KubeObject | undefined, config: KubeObject, opts: ApplyOptions): KubeObject {
  const applied = fieldPaths(config as unknown as JsonObject);
  const appliedKeys = new Set(applied.map(keyOf));
  const entries = (live?.metadata.managedFields ?? []).map((e) => ({ ...e, paths: entryPaths(e) }));
  const mine = entries.find((e) => e.manager === opts.manager && e.operation === 'Apply');
  const conflicts: { manager: string; path: Path }[] = [];
  for (const e of entries) {
    if (e === mine) continue;
    for (const p of e.paths) {
      if (!appliedKeys.has(keyOf(p)) || p[p.length - 1] === '.') continue;
      const a = valueAt(config as unknown as Json, p);
      const b = valueAt(live as unknown as Json, p);
      // An (empty) map in both is structure, not a value: applying `spec: {}` conflicts with nobody.
      const last = p[p.length - 1] ?? '';
      if (isPlainObject(a) && isPlainObject(b) && !isAtomic(last.slice(2), a)) continue;
      if (JSON.stringify(a) !== JSON.stringify(b)) conflicts.push({ manager: describeManager(e), path: p });
    }
  }
  if (conflicts.length && !opts.force) throw applyConflict(conflicts);
  // Forced (or equal-valued) fields: conflicting ones change owner, equal ones become shared.
  const conflictKeys = new Set(conflicts.map((c) => keyOf(c.path)));
  const others = entries
    .filter((e) => e !== mine)
    .map((e) => ({ ...e, paths: e.paths.filter((p) => !conflictKeys.has(keyOf(p))) }))
    .filter((e) => e.paths.length > 0);
  const ownedByOthers = new Set(others.flatMap((e) => e.paths.map(keyOf)));

  let result: JsonObject = live ? (deepClone(live) as unknown as JsonObject) : {};
  // Fields this manager applied before but not now are removed unless someone else owns them. A
  // field that is now the parent of applied fields (or of others' fields) is still in use: structured-merge-diff's
  // sets hold every path's ancestors, so `spec` applied as `{}` and later with children is not removed.
  const appliedOrParent = withAncestors(applied);
  const othersOrParent = withAncestors(others.flatMap((e) => e.paths));
  // structured-merge-diff prunes the outermost field the manager no longer applies, whole: a
  // listener's `tls` goes with its defaulted `mode` when only `tls.certificateRefs` had been applied.
  const unused = (p: Path) => !appliedOrParent.has(keyOf(p)) && !othersOrParent.has(keyOf(p));
  const removed = (mine?.paths ?? []).filter(unused).map((p) => {
    const fields = p.filter((seg) => seg !== '.');
    for (let n = 1; n < fields.length; n++) {
      const prefix = fields.slice(0, n);
      if (/^[fk]:/.test(prefix[n - 1]) && unused(prefix)) return prefix;
    }
    return p;
  });
  for (const p of removed) {
    removeAt(result, p);
    pruneEmptyAncestors(result, p, ownedByOthers);
  }
  const before = new Set(Object.keys(live ?? {}));
  const { managedFields: _drop, ...configMeta } = config.metadata;
  result = applyMerge(result, { ...(config as unknown as JsonObject), metadata: configMeta as JsonObject }) as JsonObject;
  // The apiserver removes after merging: a map or list the removals empty goes even when the config
  // applies it empty (defaultBackend: {} after owning defaultBackend.service → no defaultBackend;
  // a Gateway's `listeners: []` after owning a listener → no listeners; `spec: {listeners: []}`, which
  // owns nothing, → no spec). A custom resource's top-level field applied as `{}` is the exception
  // handled below (it becomes null).
  for (const p of removed) {
    const v = valueAt(result, p);
    const topOfCustomResource = opts.customResource && p.filter((seg) => seg !== '.').length < 2;
    if (hollow(v) && !(topOfCustomResource && isPlainObject(v) && Object.keys(v).length === 0)) removeAt(result, p);
    pruneEmptyAncestors(result, p, ownedByOthers, opts.customResource ? 2 : 1);
  }
  // structured-merge-diff quirk: a custom resource's top-level map that the removals above
  // emptied, applied as `{}`, comes out as null (and then fails the schema's type check).
  if (opts.customResource)
    for (const [k, v] of Object.entries(config as unknown as JsonObject))
      if (
        k !== 'metadata' &&
        isPlainObject(v) &&
        Object.keys(v).length === 0 &&
        before.has(k) &&
        (mine?.paths ?? []).some((p) => p[0] === `f:${k}` && p.length > 1) &&
        isPlainObject(result[k]) &&
        Object.keys(result[k]).length === 0
      )
        result[k] = null;
  const obj = result as unknown as KubeObject;
  // A config that owns nothing (e.g. `spec: {listeners: []}`) leaves no entry: empty sets are not stored.
  obj.metadata.managedFields = sortManagedFields([
    ...others.map(({ paths, ...e }) => ({ ...e, fieldsV1: toFieldsV1(paths) })),
    ...(applied.length ? [{ manager: opts.manager, operation: 'Apply' as const, apiVersion: opts.apiVersion, time: opts.time, fieldsType: 'FieldsV1' as const, fieldsV1: toFieldsV1(applied) }] : []),
  ]);
  return obj;
}

/**
 * The order the apiserver stores managedFields in: operation (Apply first), time, manager,
 * subresource, apiVersion (sortEncodedManagedFields).
 * @see https://github.com/kubernetes/apimachinery/blob/v0.36.3/pkg/util/managedfields/internal/managedfields.go
 */
export function sortManagedFields(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const keys = (e: ManagedFieldsEntry) => [e.operation, e.time, e.manager, e.subresource ?? '', e.apiVersion];
  return [...entries].sort((p, q) => {
    const [a, b] = [keys(p), keys(q)];
    const i = a.findIndex((v, n) => v !== b[n]);
    return i < 0 ? 0 : a[i] < b[i] ? -1 : 1;
  });
}

/**
 * Ownership after a non-apply write (create/update/patch): the writer owns every field it
 * changed (or all fields on create), other managers lose those.
 */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, manager: string, apiVersion: string, time: string, customResource = false): ManagedFieldsEntry[] {
  const changed = [
    ...(before ? changedPaths(before as unknown as JsonObject, after as unknown as JsonObject) : fieldPaths(after as unknown as JsonObject)),
    ...presencePaths(before as unknown as JsonObject | undefined, after as unknown as JsonObject, customResource),
  ];
  const existing = before?.metadata.managedFields ?? [];
  const changedKeys = new Set(changed.map(keyOf));
  // Fields this write removed are owned by nobody afterwards (ones that were never stored keep their owners).
  const exists = (o: KubeObject | undefined, p: Path) => valueAt(o as unknown as Json, p[p.length - 1] === '.' ? p.slice(0, -1) : p) !== undefined;
  const stillThere = (p: Path) => exists(after, p) || !exists(before, p);
  if (changed.length === 0) {
    const pruned = existing.map((e) => ({ ...e, fieldsV1: toFieldsV1(entryPaths(e).filter(stillThere)) })).filter((e) => Object.keys(e.fieldsV1).length > 0);
    return JSON.stringify(pruned) === JSON.stringify(existing) ? existing : pruned;
  }
  const out: ManagedFieldsEntry[] = [];
  let mineFound = false;
  for (const e of existing) {
    if (e.manager === manager && e.operation === 'Update') {
      mineFound = true;
      const paths = [...entryPaths(e).filter((p) => !changedKeys.has(keyOf(p)) && stillThere(p)), ...changed];
      out.push({ ...e, time, fieldsV1: toFieldsV1(paths) });
      continue;
    }
    const paths = entryPaths(e).filter((p) => !changedKeys.has(keyOf(p)) && stillThere(p));
    if (paths.length) out.push({ ...e, fieldsV1: toFieldsV1(paths) });
  }
  if (!mineFound) out.push({ manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(changed) });
  return sortManagedFields(out);
}
