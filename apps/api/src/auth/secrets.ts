import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bearer secrets; only their SHA-256 is stored (they are high-entropy, so no slow hash is needed). */
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const API_TOKEN_PREFIX = 'ptk_';
export const newApiTokenSecret = () => `${API_TOKEN_PREFIX}${newSecret()}`;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
