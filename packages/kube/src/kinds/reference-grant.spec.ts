import { describe, expect, it } from 'vitest';
import { grantPermits, referenceGrantFrom, referenceGrantTo } from './reference-grant.js';

const grant = {
  metadata: { namespace: 'demo', name: 'g' },
  spec: {
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
    to: [
      { group: '', kind: 'Service', name: 'kuard' },
      { group: '', kind: 'Secret' },
    ],
  },
};
const route = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' };

describe('ReferenceGrant', () => {
  it('reads from and to, a missing name meaning every object of the kind', () => {
    expect(referenceGrantFrom(grant)).toEqual([route]);
    expect(referenceGrantTo(grant)).toEqual([
      { group: '', kind: 'Service', name: 'kuard' },
      { group: '', kind: 'Secret', name: null },
    ]);
    expect(referenceGrantTo({ spec: { to: 'x' } })).toEqual([]);
  });

  it('permits only the named kind and namespace, to the named object or any of a kind without a name', () => {
    expect(grantPermits(grant, route, { group: '', kind: 'Service', name: 'kuard' })).toBe(true);
    expect(grantPermits(grant, route, { group: '', kind: 'Service', name: 'other' })).toBe(false);
    expect(grantPermits(grant, route, { group: '', kind: 'Secret', name: 'any' })).toBe(true);
    expect(grantPermits(grant, { ...route, namespace: 'prod' }, { group: '', kind: 'Service', name: 'kuard' })).toBe(false);
    expect(grantPermits(grant, { ...route, kind: 'Gateway' }, { group: '', kind: 'Secret', name: 'any' })).toBe(false);
    for (const hostile of [null, 'x', { spec: { from: [null, 3], to: { kind: 'Service' } } }]) expect(grantPermits(hostile, route, { group: '', kind: 'Service', name: 'kuard' })).toBe(false);
  });
});
