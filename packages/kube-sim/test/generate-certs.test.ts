/**
 * The distinct TLS certificate generator (issue 11's bench: 10,000 distinct certificates across
 * 10 clusters). Its own file: the checks below parse 10,000 certificates synchronously, which
 * would outlast the keep-alive sockets other tests in a shared file hold.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.js';

describe('generate.tlsSecrets', () => {
  it('gives each of 10,000 TLS Secrets across 10 simulators its own key and certificate, chained to the root, ages spread', async () => {
    const sims = await Promise.all(Array.from({ length: 10 }, () => startSimulator({ systemComponents: false })));
    try {
      const t0 = performance.now();
      for (const s of sims) await s.generate.tlsSecrets(1000, { prefix: 'distinct', namespaces: 5 });
      const ms = performance.now() - t0;
      // Measured ≈ 2–4 s on the shared 2-core machine; the bound only catches a return to slow issuance.
      expect(ms).toBeLessThan(30_000);
      const fingerprints = new Set<string>();
      const keys = new Set<string>();
      const daysLeft: number[] = [];
      let owned = 0;
      for (const s of sims) {
        const root = new X509Certificate(s.caPem);
        const secrets = s.objects.list('v1', 'Secret').filter((x) => x.metadata.name?.startsWith('distinct-'));
        expect(secrets).toHaveLength(1000);
        expect(new Set(secrets.map((x) => x.metadata.namespace)).size).toBe(5);
        for (const secret of secrets) {
          const data = secret.data as Record<string, string>;
          const pems = Buffer.from(data['tls.crt'], 'base64')
            .toString()
            .split(/(?<=-----END CERTIFICATE-----\n)/);
          expect(pems).toHaveLength(2);
          const [leaf, intermediate] = pems.map((p) => new X509Certificate(p));
          fingerprints.add(leaf.fingerprint256);
          keys.add(data['tls.key']);
          daysLeft.push((Date.parse(leaf.validTo) - s.clock.nowMs()) / 86400_000);
          if (secret.metadata.labels?.['portico.dev/owner']) owned++;
          if (fingerprints.size % 997 === 0) {
            expect(leaf.verify(intermediate.publicKey)).toBe(true);
            expect(intermediate.verify(root.publicKey)).toBe(true);
            expect(Buffer.from(data['ca.crt'], 'base64').toString()).toBe(s.caPem);
          }
        }
      }
      expect(fingerprints.size).toBe(10_000);
      expect(keys.size).toBe(10_000);
      expect(owned).toBe(10_000);
      // Expired, expiring within 14 days, and fresh all occur in quantity.
      expect(daysLeft.filter((d) => d < 0).length).toBeGreaterThan(500);
      expect(daysLeft.filter((d) => d >= 0 && d < 14).length).toBeGreaterThan(500);
      expect(daysLeft.filter((d) => d > 60).length).toBeGreaterThan(2000);
      console.info(`tlsSecrets: 10,000 distinct across 10 simulators in ${Math.round(ms)} ms`);
    } finally {
      await Promise.all(sims.map((s) => s.close()));
    }
  });
});
