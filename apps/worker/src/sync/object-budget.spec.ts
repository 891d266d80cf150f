import { describe, expect, it } from 'vitest';
import { ObjectBudget, ObjectCapExceeded } from './object-budget.js';

describe('ObjectBudget', () => {
  it('counts all kinds of a cluster against one cap and refuses the change that would pass it', () => {
    const budget = new ObjectBudget(10);
    budget.set('services', 6);
    budget.set('ingresses', 4);
    expect(() => budget.add('services', 1)).toThrow(ObjectCapExceeded);
    expect(() => budget.add('services', 1)).toThrow("this cluster has more than 10 networking objects; Portico's limit is 10 (SYNC_MAX_OBJECTS_PER_CLUSTER)");
    budget.add('ingresses', -1); // a deletion makes room
    budget.add('services', 1);
    expect(() => budget.set('secrets', 1)).toThrow(ObjectCapExceeded);
  });

  it('replaces a kind’s count on a relist and frees a forgotten kind', () => {
    const budget = new ObjectBudget(10);
    budget.set('services', 8);
    budget.set('services', 3); // the relist found fewer
    budget.set('ingresses', 7);
    budget.forget('ingresses');
    budget.set('secrets', 6);
    expect(() => budget.add('secrets', 1)).not.toThrow();
    expect(() => budget.add('secrets', 1)).toThrow(ObjectCapExceeded);
  });

  it('never counts below zero (a DELETED for an object listed before the budget knew it)', () => {
    const budget = new ObjectBudget(1);
    budget.add('services', -5);
    budget.add('services', 1);
    expect(() => budget.add('services', 1)).toThrow(ObjectCapExceeded);
  });
});
