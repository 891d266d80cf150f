import { describe, expect, it } from 'vitest';
import { INVENTORY_KINDS, ZInventoryQuery, inventoryQueryFor, parseLabelSelector } from './inventory.js';

describe('label selectors', () => {
  it('parses equality, set and existence requirements', () => {
    expect(parseLabelSelector('app=web, tier != cache,env in (prod, staging),!legacy,team,zone notin (a)')).toEqual([
      { key: 'app', op: 'eq', values: ['web'] },
      { key: 'tier', op: 'neq', values: ['cache'] },
      { key: 'env', op: 'in', values: ['prod', 'staging'] },
      { key: 'legacy', op: 'notexists', values: [] },
      { key: 'team', op: 'exists', values: [] },
      { key: 'zone', op: 'notin', values: ['a'] },
    ]);
    expect(parseLabelSelector('app.kubernetes.io/name==nginx')).toEqual([{ key: 'app.kubernetes.io/name', op: 'eq', values: ['nginx'] }]);
  });

  it('rejects what is not a selector', () => {
    for (const bad of ['app=web;drop table', 'a b c', "x='1'", '=value']) {
      expect(ZInventoryQuery.safeParse({ label: bad }).success).toBe(false);
    }
    expect(ZInventoryQuery.safeParse({ label: 'app=web,env in (a,b)' }).success).toBe(true);
  });
});

describe('inventoryQueryFor', () => {
  it('takes only the filters of its kind', () => {
    expect(inventoryQueryFor('services').safeParse({ type: 'NodePort' }).success).toBe(true);
    expect(inventoryQueryFor('ingresses').safeParse({ type: 'NodePort' }).success).toBe(false);
    expect(inventoryQueryFor('gatewayclasses').safeParse({ namespace: 'x' }).success).toBe(false);
    for (const kind of INVENTORY_KINDS) expect(inventoryQueryFor(kind).safeParse({ cluster: '00000000-0000-4000-8000-000000000000', q: 'a', label: 'app=web' }).success, kind).toBe(true);
  });
});
