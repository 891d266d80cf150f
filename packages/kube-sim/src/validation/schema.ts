/**
 * A small structural-schema engine for the CRD kinds the simulator validates (Gateway API):
 * OpenAPI defaults, then the schema checks with the apiserver's cause shapes, then — only when
 * no "blocking" error came up, as apiextensions-apiserver does — the CEL rules (hand-written).
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation
 */
import { fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, type StatusCause } from '../status.js';
import { isPlainObject } from '../types.js';

export interface Schema {
  type?: 'string' | 'integer' | 'object' | 'array';
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  minItems?: number;
  maxItems?: number;
  /** x-kubernetes-list-type: map keys. */
  mapKeys?: string[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  default?: unknown;
}

/** Fills in schema defaults where a field is absent (mutates). */
export function applySchemaDefaults(v: unknown, s: Schema): void {
  if (s.type === 'object' && isPlainObject(v))
    for (const [k, ps] of Object.entries(s.properties ?? {})) {
      if (v[k] === undefined && ps.default !== undefined) v[k] = structuredClone(ps.default) as never;
      if (v[k] !== undefined) applySchemaDefaults(v[k], ps);
    }
  if (s.type === 'array' && Array.isArray(v) && s.items) for (const item of v) applySchemaDefaults(item, s.items);
}

const tooLong = (field: string, max: number): StatusCause => ({ reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${max} bytes` });
const tooMany = (field: string, n: number, max: number): StatusCause => ({ reason: 'FieldValueTooMany', field, message: `Too many: ${n}: must have at most ${max} items` });

/** Causes for `v` against `s` at `path` (`spec.listeners[0].port`). */
export function validateSchema(v: unknown, s: Schema, path: string, out: StatusCause[] = []): StatusCause[] {
  if (v === undefined || v === null) return out;
  switch (s.type) {
    case 'string':
      if (typeof v !== 'string') return (out.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body must be of type string` }), out);
      if (s.enum && !s.enum.includes(v)) out.push(fieldNotSupported(path, v, s.enum));
      if (s.maxLength !== undefined && v.length > s.maxLength) out.push(tooLong(path, s.maxLength));
      if (s.minLength !== undefined && v.length < s.minLength) out.push(fieldInvalid(path, v, `${path} in body should be at least ${s.minLength} chars long`));
      if (s.pattern && !s.pattern.test(v)) out.push(fieldInvalid(path, v, `${path} in body should match '${s.pattern.source}'`));
      break;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v))
        return (out.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body must be of type integer` }), out);
      if (s.minimum !== undefined && v < s.minimum) out.push(fieldInvalid(path, v, `${path} in body should be greater than or equal to ${s.minimum}`));
      if (s.maximum !== undefined && v > s.maximum) out.push(fieldInvalid(path, v, `${path} in body should be less than or equal to ${s.maximum}`));
      break;
    case 'array': {
      if (!Array.isArray(v)) return (out.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body must be of type array` }), out);
      if (s.maxItems !== undefined && v.length > s.maxItems) out.push(tooMany(path, v.length, s.maxItems));
      if (s.minItems !== undefined && v.length < s.minItems) out.push(fieldInvalid(path, v.length, `${path} in body should have at least ${s.minItems} items`));
      const seen = new Set<string>();
      const reported = new Set<string>();
      v.forEach((item, i) => {
        if (s.mapKeys && isPlainObject(item)) {
          // Each repeated key is reported once, at its first repetition.
          const key = JSON.stringify(s.mapKeys.map((k) => item[k]));
          if (seen.has(key) && !reported.has(key)) {
            out.push(fieldDuplicate(`${path}[${i}]`, Object.fromEntries(s.mapKeys.map((k) => [k, item[k]]))));
            reported.add(key);
          }
          seen.add(key);
        }
        if (s.items) validateSchema(item, s.items, `${path}[${i}]`, out);
      });
      break;
    }
    case 'object':
      if (!isPlainObject(v)) return (out.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: ${JSON.stringify(v)}: ${path} in body must be of type object` }), out);
      for (const r of s.required ?? []) if (v[r] === undefined || v[r] === null) out.push(fieldRequired(path ? `${path}.${r}` : r));
      for (const [k, ps] of Object.entries(s.properties ?? {})) {
        const p = path ? `${path}.${k}` : k;
        if (v[k] === null && ps.type === 'object') out.push({ reason: 'FieldValueTypeInvalid', field: p, message: `Invalid value: "null": ${p} in body must be of type object: "null"` });
        else validateSchema(v[k], ps, p, out);
      }
      break;
  }
  return out;
}

/** Errors that stop CEL rules from running (apiextensions-apiserver's hasBlockingErr). */
const BLOCKING = new Set(['FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid']);

export function withCelRules(metadataCauses: StatusCause[], schemaCauses: StatusCause[], cel: () => StatusCause[]): StatusCause[] {
  if ([...metadataCauses, ...schemaCauses].some((c) => BLOCKING.has(c.reason)))
    return [
      ...schemaCauses,
      {
        reason: 'FieldValueInvalid',
        field: '<nil>',
        message: 'Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      },
    ];
  return [...schemaCauses, ...cel()];
}
