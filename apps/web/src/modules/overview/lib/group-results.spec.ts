import type { TSearchResult } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { groupResults, pluralKind } from './group-results';

const result = (kind: string, name: string): TSearchResult => ({
  type: 'object',
  id: '3f1c2a4e-0000-4000-8000-000000000001',
  kind,
  clusterId: '3f1c2a4e-0000-4000-8000-000000000002',
  clusterName: 'prod',
  namespace: 'demo',
  name,
  matched: 'name',
  match: name,
});

describe('groupResults', () => {
  it('groups by kind in the order of each kind’s best result, keeping the order inside a group', () => {
    const groups = groupResults([result('Service', 'a'), result('Ingress', 'b'), result('Service', 'c')]);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.name)])).toEqual([
      ['Services', ['a', 'c']],
      ['Ingresses', ['b']],
    ]);
  });

  it('pluralizes kinds as people write them', () => {
    expect(['Ingress', 'HTTPRoute', 'Certificate', 'Gateway'].map(pluralKind)).toEqual(['Ingresses', 'HTTPRoutes', 'Certificates', 'Gateways']);
  });
});
