import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCredentialCipher } from './credential-cipher.js';

const key = () => randomBytes(32).toString('base64');

describe('credential cipher', () => {
  it('round-trips, and the ciphertext does not contain the secret', () => {
    const c = createCredentialCipher(key());
    const { ciphertext, keyId } = c.encrypt('{"token":"super-secret-token"}', 'cluster-1');
    expect(ciphertext).not.toContain('super-secret');
    expect(c.decrypt(ciphertext, keyId, 'cluster-1')).toBe('{"token":"super-secret-token"}');
  });

  it('uses a fresh IV each time', () => {
    const c = createCredentialCipher(key());
    expect(c.encrypt('same', 'a').ciphertext).not.toBe(c.encrypt('same', 'a').ciphertext);
  });

  it('refuses a ciphertext moved to another row, or tampered with', () => {
    const c = createCredentialCipher(key());
    const { ciphertext, keyId } = c.encrypt('secret', 'cluster-1');
    expect(() => c.decrypt(ciphertext, keyId, 'cluster-2')).toThrow();
    const flipped = ciphertext.slice(0, -2) + (ciphertext.endsWith('A') ? 'BB' : 'AA');
    expect(() => c.decrypt(flipped, keyId, 'cluster-1')).toThrow();
  });

  it('decrypts with a previous key after rotation', () => {
    const oldKey = key();
    const sealed = createCredentialCipher(oldKey).encrypt('secret', 'x');
    const rotated = createCredentialCipher(key(), [oldKey]);
    expect(rotated.keyId).not.toBe(sealed.keyId);
    expect(rotated.decrypt(sealed.ciphertext, sealed.keyId, 'x')).toBe('secret');
    expect(() => createCredentialCipher(key()).decrypt(sealed.ciphertext, sealed.keyId, 'x')).toThrow(/No secret key with id/);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => createCredentialCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
