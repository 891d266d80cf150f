import { describe, expect, it } from 'vitest';
import { fieldSelector, labelSelector, parseLabelSelector } from './selectors.js';
import type { KubeObject } from './types.js';

describe('label selectors', () => {
  it('parses every operator', () => {
    expect(parseLabelSelector('a=1,b==2,c!=3,d in (x, y),e notin (z),f,!g')).toEqual([
      { op: 'eq', key: 'a', value: '1' },
      { op: 'eq', key: 'b', value: '2' },
      { op: 'neq', key: 'c', value: '3' },
      { op: 'in', key: 'd', values: ['x', 'y'] },
      { op: 'notin', key: 'e', values: ['z'] },
      { op: 'exists', key: 'f' },
      { op: 'notexists', key: 'g' },
    ]);
  });

  it('matches like the apiserver (!= and notin match missing keys)', () => {
    expect(labelSelector('env!=prod')({})).toBe(true);
    expect(labelSelector('env notin (prod)')({ other: 'x' })).toBe(true);
    expect(labelSelector('env in (prod)')({})).toBe(false);
    expect(labelSelector('app.kubernetes.io/name=web')({ 'app.kubernetes.io/name': 'web' })).toBe(true);
    expect(labelSelector('')({})).toBe(true);
  });

  it('rejects garbage', () => {
    expect(() => parseLabelSelector('a b c')).toThrow(/unable to parse requirement/);
  });
});

describe('field selectors', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' }, type: 'kubernetes.io/tls' } as KubeObject;
  it('supports metadata and Secret type', () => {
    expect(fieldSelector('metadata.name=s,metadata.namespace=n', 'Secret')(secret)).toBe(true);
    expect(fieldSelector('type=kubernetes.io/tls', 'Secret')(secret)).toBe(true);
    expect(fieldSelector('type!=kubernetes.io/tls', 'Secret')(secret)).toBe(false);
    expect(() => fieldSelector('type=x', 'ConfigMap')).toThrow(/field label not supported/);
  });
});
