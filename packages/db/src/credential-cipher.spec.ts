import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialDecryptError, SecretKeyMissingError, createCredentialCipher } from './credential-cipher.js';

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

  it('refuses a truncated or lengthened tag, even one that is a prefix of the right tag', () => {
    const c = createCredentialCipher(key());
    const { ciphertext, keyId } = c.encrypt('secret', 'a');
    const [format, iv, tag, body] = ciphertext.split('.');
    const tagBytes = Buffer.from(tag, 'base64url');
    expect(tagBytes).toHaveLength(16);
    for (const bad of [tagBytes.subarray(0, 4), tagBytes.subarray(0, 12), tagBytes.subarray(0, 15), Buffer.concat([tagBytes, Buffer.from([0])])]) {
      expect(() => c.decrypt([format, iv, bad.toString('base64url'), body].join('.'), keyId, 'a')).toThrow(CredentialDecryptError);
    }
    expect(() => c.decrypt([format, Buffer.alloc(8).toString('base64url'), tag, body].join('.'), keyId, 'a')).toThrow(CredentialDecryptError);
    expect(() => c.decrypt(`${ciphertext}.extra`, keyId, 'a')).toThrow(CredentialDecryptError);
  });

  it('still opens what the previous release sealed (format v1, 16-byte tag)', () => {
    const k = key();
    // Exactly what the code before issue 8 wrote.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(k, 'base64'), iv);
    cipher.setAAD(Buffer.from('cluster-1'));
    const body = Buffer.concat([cipher.update('old secret', 'utf8'), cipher.final()]);
    const old = ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    const keyId = createHash('sha256').update(Buffer.from(k, 'base64')).digest('hex').slice(0, 16);
    expect(createCredentialCipher(k).decrypt(old, keyId, 'cluster-1')).toBe('old secret');
  });

  it('names the missing key, and knows which keys it has', () => {
    const oldKey = key();
    const sealed = createCredentialCipher(oldKey).encrypt('secret', 'x');
    const c = createCredentialCipher(key(), ['', ` ${oldKey} `]);
    expect(c.hasKey(sealed.keyId)).toBe(true);
    expect(c.hasKey(c.keyId)).toBe(true);
    const err = (() => {
      try {
        createCredentialCipher(key()).decrypt(sealed.ciphertext, sealed.keyId, 'x');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SecretKeyMissingError);
    expect((err as SecretKeyMissingError).keyId).toBe(sealed.keyId);
  });
});
