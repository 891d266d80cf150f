import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts cluster credentials at rest with AES-256-GCM under PORTICO_SECRET_KEY.
 * - The key id (first 16 hex of the key's SHA-256) is stored beside each ciphertext, so after
 *   a rotation old rows still decrypt with the previous key (PORTICO_SECRET_KEY_PREVIOUS) until
 *   `npm run rotate-secret-key` re-seals them under the current one.
 * - Associated data binds a ciphertext to its row (see cluster-credentials.ts): a ciphertext
 *   copied into another row, or a row whose server was changed, does not decrypt.
 * - Ciphertexts are `<format>.<iv>.<tag>.<body>` (base64url). The format names what the
 *   associated data was (`v1`: the row id; `v2`: the full binding); the crypto is the same.
 * - The tag is always 16 bytes: Node accepts shorter GCM tags unless told otherwise, and a
 *   4-byte tag can be forged by trial (NIST SP 800-38D, appendix C).
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (96-bit IV)
 */
export interface CredentialCipher {
  readonly keyId: string;
  /** Whether a key with this id is configured (current or previous). */
  hasKey(keyId: string): boolean;
  encrypt(plaintext: string, associatedData: string, format?: CiphertextFormat): { ciphertext: string; keyId: string };
  decrypt(ciphertext: string, keyId: string, associatedData: string): string;
}

export type CiphertextFormat = 'v1' | 'v2';
const FORMATS: readonly string[] = ['v1', 'v2'];
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The ciphertext was sealed with a key this process was not given. */
export class SecretKeyMissingError extends Error {
  override readonly name = 'SecretKeyMissingError';
  constructor(readonly keyId: string) {
    super(`No secret key with id ${keyId} is configured (was PORTICO_SECRET_KEY rotated without PORTICO_SECRET_KEY_PREVIOUS?)`);
  }
}

/** The ciphertext is malformed, was altered, or belongs to other associated data. */
export class CredentialDecryptError extends Error {
  override readonly name = 'CredentialDecryptError';
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('A secret key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
}

/** The format prefix of a ciphertext (`v1`, `v2`), or undefined when it has none we know. */
export function ciphertextFormat(ciphertext: string): CiphertextFormat | undefined {
  const prefix = ciphertext.slice(0, ciphertext.indexOf('.'));
  return FORMATS.includes(prefix) ? (prefix as CiphertextFormat) : undefined;
}

export function createCredentialCipher(currentKey: string, previousKeys: string[] = []): CredentialCipher {
  const current = decodeKey(currentKey);
  const keys = new Map(
    [
      current,
      ...previousKeys
        .map((k) => k.trim())
        .filter(Boolean)
        .map(decodeKey),
    ].map((k) => [keyIdOf(k), k]),
  );
  const keyId = keyIdOf(current);
  return {
    keyId,
    hasKey: (id) => keys.has(id),
    encrypt(plaintext, associatedData, format = 'v2') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [format, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))];
      return { ciphertext: parts.join('.'), keyId };
    },
    decrypt(ciphertext, id, associatedData) {
      const key = keys.get(id);
      if (!key) throw new SecretKeyMissingError(id);
      const [format, ivText, tagText, bodyText, ...rest] = ciphertext.split('.');
      if (!format || !FORMATS.includes(format) || ivText === undefined || tagText === undefined || bodyText === undefined || rest.length) {
        throw new CredentialDecryptError('Unrecognised credential ciphertext');
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      // A truncated tag would be accepted by setAuthTag; refuse it before it gets there.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new CredentialDecryptError('Unrecognised credential ciphertext');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(associatedData));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new CredentialDecryptError('The credentials could not be opened: they were altered, or belong to another cluster or server');
      }
    },
  };
}
