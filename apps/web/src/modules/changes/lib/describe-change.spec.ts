import type { TChange } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { describeChange } from './describe-change';
import { stillMoving } from './use-followed-change';

const target = { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' };

describe('describeChange', () => {
  it('says what a change does to which object', () => {
    expect(describeChange({ type: 'expose', operation: 'apply', target })).toBe('Expose as Service default/web');
    expect(describeChange({ type: 'revert', operation: 'delete', target })).toBe('Revert Service default/web (delete it)');
    expect(describeChange({ type: 'delete', operation: 'delete', target: { ...target, kind: 'IngressClass', namespace: '' } })).toBe('Delete IngressClass web');
  });
});

describe('stillMoving', () => {
  const change = (state: TChange['state'], objectId: string | null, operation: TChange['operation'] = 'apply') =>
    ({ state, operation, result: { uid: null, resourceVersion: null, allocated: { clusterIP: null, nodePorts: [] }, warnings: [], objectId } }) as unknown as TChange;
  it('follows a change until final, then until its object is synced (for a while)', () => {
    expect(stillMoving(change('pending', null), 0)).toBe(true);
    expect(stillMoving(change('applied', null), 3)).toBe(true);
    expect(stillMoving(change('applied', null), 20)).toBe(false);
    expect(stillMoving(change('applied', 'id'), 0)).toBe(false);
    expect(stillMoving(change('applied', null, 'delete'), 0)).toBe(false);
    expect(stillMoving(change('failed', null), 0)).toBe(false);
  });
});
