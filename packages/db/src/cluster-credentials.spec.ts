import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ClusterSecretMaterial, describeCredentialsFailure, needsReseal, openClusterCredentials, sealClusterCredentials } from './cluster-credentials.js';
import { createCredentialCipher } from './credential-cipher.js';

const key = () => randomBytes(32).toString('base64');
const material: ClusterSecretMaterial = { caPem: 'CA', auth: { kind: 'token', token: 'the-token' } };
const binding = { id: '6f1c0a52-1111-4a4a-9b9b-000000000001', server: 'https://k8s.example.com:6443', insecureSkipTlsVerify: false };

/** A row sealed by the release before issue 8: format v1, the cluster id alone as associated data. */
function sealedByPreviousRelease(k: string, id: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(k, 'base64'), iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(JSON.stringify(material), 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.');
}

describe('cluster credentials', () => {
  it('round-trips, bound to the cluster id, server URL and insecure flag', () => {
    const cipher = createCredentialCipher(key());
    const sealed = sealClusterCredentials(cipher, binding, material);
    expect(sealed.credentials.startsWith('v2.')).toBe(true);
    expect(openClusterCredentials(cipher, { ...binding, ...sealed })).toEqual(material);
    // Re-pointed at an attacker's server, made insecure, or moved to another row: it does not open.
    for (const changed of [{ server: 'https://attacker.example:6443' }, { insecureSkipTlsVerify: true }, { id: '6f1c0a52-1111-4a4a-9b9b-000000000002' }]) {
      expect(() => openClusterCredentials(cipher, { ...binding, ...changed, ...sealed })).toThrow(/could not be opened/);
    }
  });

  it('opens rows sealed before the server was bound (v1), and cannot be downgraded to that format', () => {
    const k = key();
    const cipher = createCredentialCipher(k);
    const v1 = { ...binding, credentials: sealedByPreviousRelease(k, binding.id), credentialsKeyId: cipher.keyId };
    expect(openClusterCredentials(cipher, v1)).toEqual(material);
    expect(needsReseal(cipher, v1)).toBe(true);
    // A v2 ciphertext relabelled v1 (so that only the id would be checked) fails: its data was the full binding.
    const v2 = sealClusterCredentials(cipher, binding, material);
    expect(() =>
      openClusterCredentials(cipher, { ...binding, server: 'https://attacker.example', credentials: v2.credentials.replace(/^v2\./, 'v1.'), credentialsKeyId: v2.credentialsKeyId }),
    ).toThrow();
    expect(needsReseal(cipher, { ...binding, ...v2 })).toBe(false);
  });

  it('needs re-sealing under a newer key, and says which key is missing', () => {
    const oldKey = key();
    const sealed = sealClusterCredentials(createCredentialCipher(oldKey), binding, material);
    expect(needsReseal(createCredentialCipher(key(), [oldKey]), sealed)).toBe(true);
    try {
      openClusterCredentials(createCredentialCipher(key()), { ...binding, ...sealed });
      expect.unreachable();
    } catch (err) {
      expect(describeCredentialsFailure(err)).toMatch(new RegExp(`sealed with key ${sealed.credentialsKeyId}, which this worker does not have\\. Set PORTICO_SECRET_KEY_PREVIOUS`));
    }
  });
});
