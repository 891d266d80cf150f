/**
 * Label and field selectors.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/
 */
import { errors } from './status.js';
import type { KubeObject } from './types.js';

export type Requirement = { op: 'eq' | 'neq'; key: string; value: string } | { op: 'in' | 'notin'; key: string; values: string[] } | { op: 'exists' | 'notexists'; key: string };

export type Selector = (labels: Record<string, string> | undefined) => boolean;

/** Splits on commas that are not inside `in (a,b)` parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

export function parseLabelSelector(s: string): Requirement[] {
  const reqs: Requirement[] = [];
  for (const term of splitTerms(s)) {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = m[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      reqs.push({ op: m[2] as 'in' | 'notin', key: m[1], values });
    } else if ((m = term.match(/^([^\s!=]+)\s*(==|!=|=)\s*([^\s,]*)$/))) {
      reqs.push({ op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] });
    } else if ((m = term.match(/^!\s*([^\s!=()]+)$/))) {
      reqs.push({ op: 'notexists', key: m[1] });
    } else if ((m = term.match(/^([^\s!=()]+)$/))) {
      reqs.push({ op: 'exists', key: m[1] });
    } else {
      throw errors.badRequest(`unable to parse requirement: invalid label selector "${s}"`);
    }
  }
  return reqs;
}

export function labelSelector(s: string | undefined | null): Selector {
  if (!s) return () => true;
  const reqs = parseLabelSelector(s);
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case 'eq':
      return has && v === r.value;
    case 'neq':
      return !has || v !== r.value;
    case 'in':
      return has && r.values.includes(v);
    case 'notin':
      return !has || !r.values.includes(v);
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
}

/** A Deployment/Service style `matchLabels` map as a selector (an empty map selects nothing for Services). */
export function matchLabels(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const keys = Object.keys(sel);
  if (keys.length === 0) return false;
  return keys.every((k) => labels?.[k] === sel[k]);
}

type FieldGetter = (o: KubeObject) => string | undefined;

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/** Field selectors the real apiserver supports per kind (a subset). */
const KIND_FIELDS: Record<string, Record<string, FieldGetter>> = {
  Secret: { type: (o) => (typeof o.type === 'string' ? o.type : '') },
  Pod: {
    'spec.nodeName': (o) => String((o.spec as { nodeName?: string } | undefined)?.nodeName ?? ''),
    'status.phase': (o) => String((o.status as { phase?: string } | undefined)?.phase ?? ''),
  },
  Namespace: { 'status.phase': (o) => String((o.status as { phase?: string } | undefined)?.phase ?? '') },
};

export function fieldSelector(s: string | undefined | null, kind: string): (o: KubeObject) => boolean {
  if (!s) return () => true;
  const tests: ((o: KubeObject) => boolean)[] = [];
  for (const term of splitTerms(s)) {
    const m = term.match(/^([^!=]+?)\s*(==|!=|=)\s*(.*)$/);
    if (!m) throw errors.badRequest(`invalid selector: '${s}'; can't understand '${term}'`);
    const [, field, op, value] = m;
    const getter = COMMON_FIELDS[field] ?? KIND_FIELDS[kind]?.[field];
    if (!getter) throw errors.badRequest(`field label not supported: ${field}`);
    tests.push(op === '!=' ? (o) => getter(o) !== value : (o) => getter(o) === value);
  }
  return (o) => tests.every((t) => t(o));
}
