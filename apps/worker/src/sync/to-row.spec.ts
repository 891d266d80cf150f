import fc from 'fast-check';
import { RESOURCE_LIST, RESOURCES } from '@portico/kube';
import { describe, expect, it } from 'vitest';
import { convertObject } from './to-row.js';

/** What Postgres refuses in text and jsonb: NUL, and a surrogate without its other half. */
const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function refusedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (REFUSED.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) refusedStrings(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) refusedStrings(v, refusedStrings(k, out));
  }
  return out;
}

const hostileString = fc.oneof(fc.string(), fc.array(fc.constantFrom('\0', '\uD800', '\uDC00', 'a', '.', '😀'), { maxLength: 8 }).map((p) => p.join('')));
/** Any JSON, with the hostile strings above among its keys and values. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(hostileString, tie('value'), { maxKeys: 4 })),
})).value;
/** Object-shaped input whose well-known fields (the ones toRow reads) hold anything. */
const hostileObject = fc.record(
  {
    apiVersion: anyJson,
    kind: anyJson,
    type: fc.oneof(fc.constant('kubernetes.io/tls'), anyJson),
    metadata: fc.oneof(anyJson, fc.record({ name: hostileString, namespace: anyJson, uid: anyJson, resourceVersion: anyJson, labels: anyJson, annotations: anyJson }, { requiredKeys: ['name'] })),
    spec: fc.oneof(anyJson, fc.record({ rules: anyJson, tls: anyJson, hostnames: anyJson, dnsNames: anyJson, listeners: anyJson, type: anyJson, ingressClassName: anyJson, template: anyJson })),
    data: fc.oneof(anyJson, fc.record({ 'tls.crt': fc.oneof(anyJson, fc.base64String()) })),
    status: anyJson,
  },
  { requiredKeys: [] },
);

describe('convertObject', () => {
  it('never throws and never yields a row Postgres would refuse, for any resource (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESOURCE_LIST), fc.oneof(hostileObject, anyJson), (res, raw) => {
        const result = convertObject(res, raw);
        expect(refusedStrings([result.namespace, result.name, result.warning])).toEqual([]);
        if (!result.row) {
          expect(result.warning).toMatch(/^skipped: /);
          return;
        }
        const row = result.row;
        expect(refusedStrings(row)).toEqual([]);
        for (const column of [row.apiVersion, row.kind, row.namespace, row.name, row.uid, row.resourceVersion]) expect(typeof column).toBe('string');
        expect(row.name).not.toBe('');
        expect(row.hosts.every((h) => typeof h === 'string')).toBe(true);
        expect(typeof row.labels === 'object' && !Array.isArray(row.labels)).toBe(true);
        expect([null, 'string']).toContain(row.ingressClass === null ? null : typeof row.ingressClass);
      }),
      { numRuns: 3000 },
    );
  });

  it('replaces a NUL in an annotation and says where', () => {
    const result = convertObject(RESOURCES.services, { metadata: { name: 'web', namespace: 'shop', annotations: { note: 'a\0b' } }, spec: { type: 'ClusterIP' } });
    expect(result.row?.body).toMatchObject({ metadata: { annotations: { note: 'a\uFFFDb' } } });
    expect(result.warning).toMatch(/replaced by U\+FFFD in metadata\.annotations\.note/);
  });

  it('stores a clean object without a warning', () => {
    expect(convertObject(RESOURCES.services, { metadata: { name: 'web', namespace: 'shop' }, spec: {} }).warning).toBeNull();
  });

  it('skips an object without a name, or one nested absurdly deep, with a warning', () => {
    const nameless = convertObject(RESOURCES.services, { metadata: {} });
    expect(nameless.row).toBeUndefined();
    expect(nameless.warning).toBe('skipped: the object has no name');
    let deep: unknown = {};
    for (let i = 0; i < 500; i++) deep = { d: deep };
    const tooDeep = convertObject(RESOURCES.services, { metadata: { name: 'deep', namespace: 'x' }, spec: deep });
    expect(tooDeep.row).toBeUndefined();
    expect(tooDeep.warning).toMatch(/^skipped: nested deeper/);
  });

  it('slims by the kind it asked for: a TLS Secret claiming to be a ConfigMap keeps no value', () => {
    const row = convertObject(RESOURCES.secrets, { kind: 'ConfigMap', type: 'kubernetes.io/tls', metadata: { name: 's', namespace: 'x' }, data: { 'tls.key': 'UFJJVkFURSBLRVk=' } }).row!;
    expect(JSON.stringify(row)).not.toContain('UFJJVkFURSBLRVk=');
    expect(row.kind).toBe('Secret');
  });
});
