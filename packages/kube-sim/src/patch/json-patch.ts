/**
 * JSON Patch (RFC 6902), `application/json-patch+json`.
 * @see https://datatracker.ietf.org/doc/html/rfc6902
 */
import { ApiError, errors } from '../status.js';

/**
 * The apiserver answers a patch that does not apply with a generic 422 (the json-patch library's
 * message is not passed on).
 */
const doesNotApply = (_why: string) => new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
import { deepClone, isPlainObject, type Json } from '../types.js';

interface Op {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw errors.badRequest(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, segs: string[]): { parent: Json; last: string } {
  let cur: Json = doc;
  for (const s of segs.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(s)] : isPlainObject(cur) ? cur[s] : undefined;
    if (next === undefined) throw doesNotApply(`jsonpatch: missing path element "${s}"`);
    cur = next;
  }
  return { parent: cur, last: segs[segs.length - 1] };
}

function get(doc: Json, path: string): Json | undefined {
  let cur: Json | undefined = doc;
  for (const s of pointer(path)) cur = Array.isArray(cur) ? cur[Number(s)] : isPlainObject(cur) ? cur[s] : undefined;
  return cur;
}

function remove(doc: Json, path: string): Json | undefined {
  const { parent, last } = parentOf(doc, pointer(path));
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw doesNotApply(`jsonpatch remove operation does not apply: doc is missing path: "${path}"`);
    return parent.splice(i, 1)[0];
  }
  if (isPlainObject(parent) && last in parent) {
    const v = parent[last];
    delete parent[last];
    return v;
  }
  throw doesNotApply(`jsonpatch remove operation does not apply: doc is missing path: "${path}"`);
}

function add(doc: Json, path: string, value: Json, replace: boolean): Json {
  const segs = pointer(path);
  if (segs.length === 0) return value;
  const { parent, last } = parentOf(doc, segs);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (isPlainObject(parent)) {
    // evanphx/json-patch v4 (the apiserver's) lets `replace` create a missing object key.
    parent[last] = value;
  } else throw doesNotApply(`jsonpatch add operation does not apply: doc is missing path: ${path}`);
  return doc;
}

export function applyJsonPatch(target: Json, patch: unknown): Json {
  if (!Array.isArray(patch)) throw errors.badRequest('json patch must be an array of operations');
  let doc = deepClone(target);
  for (const raw of patch as Op[]) {
    switch (raw.op) {
      case 'add':
        doc = add(doc, raw.path, deepClone(raw.value ?? null), false);
        break;
      case 'replace':
        doc = add(doc, raw.path, deepClone(raw.value ?? null), true);
        break;
      case 'remove':
        remove(doc, raw.path);
        break;
      case 'move': {
        const v = remove(doc, raw.from ?? '');
        doc = add(doc, raw.path, v ?? null, false);
        break;
      }
      case 'copy':
        doc = add(doc, raw.path, deepClone(get(doc, raw.from ?? '') ?? null), false);
        break;
      case 'test':
        if (JSON.stringify(get(doc, raw.path)) !== JSON.stringify(raw.value)) throw doesNotApply(`testing value ${raw.path} failed`);
        break;
      default:
        throw errors.badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
