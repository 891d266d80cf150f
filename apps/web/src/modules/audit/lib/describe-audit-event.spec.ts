import { describe, expect, it } from 'vitest';
import { actorLabel, targetLabel } from './describe-audit-event';

describe('actorLabel', () => {
  it('names users, tokens and anonymous callers', () => {
    expect(actorLabel({ userId: 'u', email: 'a@example.com', tokenId: null })).toBe('a@example.com');
    expect(actorLabel({ userId: 'u', email: 'a@example.com', tokenId: 't' })).toBe('a@example.com (API token)');
    expect(actorLabel({ userId: null, email: null, tokenId: '0123456789abcdef' })).toBe('API token 01234567');
    expect(actorLabel({ userId: null, email: null, tokenId: null })).toBe('Anonymous');
  });
});

describe('targetLabel', () => {
  it('shortens long ids', () => {
    expect(targetLabel({ targetType: 'token', targetId: '6f1c2a9e-0000-4000-8000-000000000000' })).toBe('token 6f1c2a9e…');
    expect(targetLabel({ targetType: 'user', targetId: 'short' })).toBe('user short');
    expect(targetLabel({ targetType: null, targetId: null })).toBe('—');
  });
});
