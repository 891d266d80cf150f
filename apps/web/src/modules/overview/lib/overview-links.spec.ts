import { OVERVIEW_PROBLEM_TYPES } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { PROBLEM_LABELS, targetHref } from './overview-links';

describe('targetHref', () => {
  it('links each target type to its page', () => {
    const id = '3f1c2a4e-0000-4000-8000-000000000001';
    expect(targetHref({ type: 'object', id })).toBe(`/objects/${id}`);
    expect(targetHref({ type: 'certificate', id })).toBe(`/certificates/${id}`);
    expect(targetHref({ type: 'cluster', id })).toBe(`/clusters/${id}`);
  });

  it('has a label for every problem type', () => {
    expect(Object.keys(PROBLEM_LABELS).sort()).toEqual([...OVERVIEW_PROBLEM_TYPES].sort());
  });
});
