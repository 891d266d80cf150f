import { describe, expect, it } from 'vitest';
import { issuerWarning } from './issuer-warning.js';

const withReady = (status: string, reason?: string, message?: string) => ({ status: { conditions: [{ type: 'Ready', status, reason, message }] } });

describe('issuerWarning', () => {
  it('names a missing Issuer with its namespace, a missing ClusterIssuer without', () => {
    expect(issuerWarning({ kind: 'Issuer', name: 'ca', namespace: 'shop' }, null, 'f')).toEqual({
      code: 'issuer_not_ready',
      message: 'no Issuer ca in namespace shop: cert-manager cannot issue the certificate',
      field: 'f',
    });
    expect(issuerWarning({ kind: 'ClusterIssuer', name: 'le', namespace: 'shop' }, null, 'f')?.message).toBe('no ClusterIssuer le: cert-manager cannot issue the certificate');
  });

  it("says cert-manager's reason and message for an issuer not Ready, and nothing for a Ready one", () => {
    const ref = { kind: 'Issuer' as const, name: 'ca', namespace: 'shop' };
    expect(issuerWarning(ref, withReady('False', 'ErrGetKeyPair', 'Error getting keypair'), 'f')?.message).toBe(
      'Issuer ca is not Ready (ErrGetKeyPair: Error getting keypair); cert-manager will not issue until it is',
    );
    expect(issuerWarning(ref, withReady('Unknown'), 'f')?.message).toBe('Issuer ca is not Ready (not Ready: no message); cert-manager will not issue until it is');
    expect(issuerWarning(ref, {}, 'f')?.message).toBe('Issuer ca is not Ready (it has no Ready condition yet); cert-manager will not issue until it is');
    expect(issuerWarning(ref, withReady('True', 'KeyPairVerified', 'Signing CA verified'), 'f')).toBeNull();
  });
});
