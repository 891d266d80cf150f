import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts cluster credentials at rest with AES-256-GCM under PORTICO_SECRET_KEY.
 * - The key id (first 16 hex of the key's SHA-256) is stored beside each ciphertext, so after
 *   a rotation old rows still decrypt with the previous key (PORTICO_SECRET_KEY_PREVIOUS).
 * - Associated data binds a ciphertext to its row (e.g. the cluster id): a ciphertext copied
 *   into another organization's row does not decrypt.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (96-bit IV)
 */
export interface CredentialCipher {
  readonly keyId: string;
  encrypt(plaintext: string, associatedData: string): { ciphertext: string; keyId: string };
  decrypt(ciphertext: string, keyId: string, associatedData: string): string;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('A secret key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
}

export function createCredentialCipher(currentKey: string, previousKeys: string[] = []): CredentialCipher {
  const current = decodeKey(currentKey);
  const keys = new Map([current, ...previousKeys.filter(Boolean).map(decodeKey)].map((k) => [keyIdOf(k), k]));
  const keyId = keyIdOf(current);
  return {
    keyId,
    encrypt(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url')));
      return { ciphertext: parts.join('.'), keyId };
    },
    decrypt(ciphertext, id, associatedData) {
      const key = keys.get(id);
      if (!key) throw new Error(`No secret key with id ${id} is configured (was PORTICO_SECRET_KEY rotated without PORTICO_SECRET_KEY_PREVIOUS?)`);
      const [version, iv, tag, body] = ciphertext.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised credential ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
