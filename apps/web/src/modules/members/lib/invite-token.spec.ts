import { describe, expect, it } from 'vitest';
import { inviteTokenFrom } from './invite-token';

const token = `inv_${'a1B2-_'.repeat(7)}x`;

describe('inviteTokenFrom', () => {
  it('reads the secret from a whole link, a fragment or the bare secret', () => {
    expect(token).toHaveLength(47);
    expect(inviteTokenFrom(`https://portico.example/invite#${token}`)).toBe(token);
    expect(inviteTokenFrom(`  #${token}\n`)).toBe(token);
    expect(inviteTokenFrom(token)).toBe(token);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'https://portico.example/invite', `${token}x`, token.slice(0, -1), `ptk_${token.slice(4)}`, `https://x/invite#${token} extra`]) {
      expect(inviteTokenFrom(text), text).toBeNull();
    }
  });
});
