/**
 * Strategic merge patch, `application/strategic-merge-patch+json` (what `kubectl apply` and
 * `kubectl patch` send for built-in kinds): like merge patch, but lists with a merge key merge
 * item by item, and `$patch`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`,
 * `$retainKeys` directives are understood.
 * @see https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 */
import { deepClone, isPlainObject, type Json, type JsonObject } from '../types.js';
import { listMapKeys } from './list-keys.js';

function mergeList(field: string, live: Json[], patch: Json[]): Json[] {
  const keys = listMapKeys(field, [...patch, ...live]);
  if (patch.some((p) => isPlainObject(p) && p.$patch === 'replace')) return patch.filter((p) => !(isPlainObject(p) && p.$patch === 'replace')).map(stripDirectives);
  if (!keys || !patch.every(isPlainObject)) return patch.map(stripDirectives);
  const key = keys[0];
  const out = live.map((x) => deepClone(x));
  for (const item of patch) {
    const idx = out.findIndex((x) => isPlainObject(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], item);
    else out.push(stripDirectives(item));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$') && x !== undefined && x !== null) out[k] = stripDirectives(x);
  return out;
}

export function strategicMerge(target: Json | undefined, patch: Json): Json {
  if (!isPlainObject(patch)) return deepClone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return {};
  const out: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$retainKeys' && Array.isArray(v)) {
      for (const key of Object.keys(out)) if (!v.includes(key) && !(key in patch)) delete out[key];
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(k, Array.isArray(out[k]) ? out[k] : [], v);
    else if (v !== undefined) out[k] = isPlainObject(v) ? strategicMerge(out[k], v) : v;
  }
  return out;
}
