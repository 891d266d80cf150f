import { describe, expect, it } from 'vitest';
import { lowerRole, roleAtLeast } from './common.js';

describe('roles', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'editor', false],
    ['editor', 'viewer', true],
    ['editor', 'admin', false],
    ['admin', 'editor', true],
  ] as const)('%s at least %s → %s', (role, needed, expected) => {
    expect(roleAtLeast(role, needed)).toBe(expected);
  });

  it('caps a token by its creator', () => {
    expect(lowerRole('admin', 'viewer')).toBe('viewer');
    expect(lowerRole('editor', 'admin')).toBe('editor');
  });
});
