/**
 * JSON Merge Patch (RFC 7386), `application/merge-patch+json`: objects merge, `null` deletes,
 * everything else (lists included) replaces.
 * @see https://datatracker.ietf.org/doc/html/rfc7386
 */
import { deepClone, isPlainObject, type Json, type JsonObject } from '../types.js';

export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isPlainObject(patch)) return deepClone(patch);
  const out: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
