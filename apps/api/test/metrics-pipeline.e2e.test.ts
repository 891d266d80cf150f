import { X509Certificate } from 'node:crypto';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, registerCluster, startPipeline } from './support/backends.js';
import { parsePrometheus, seriesOf } from './support/prometheus.js';

/**
 * `/api/metrics` end to end: the course scenario synced by the real worker process into tracked
 * certificates, scraped, and each gauge compared with the certificate the simulator serves, read
 * by Node's own X.509 parser rather than Portico's.
 */
let pipeline: Pipeline;
let sim: Simulator;

const scrape = async () => {
  const res = await pipeline.t.http().get('/api/metrics').set('Authorization', `Bearer ${pipeline.editorToken}`);
  expect(res.status).toBe(200);
  return parsePrometheus(res.text);
};

/** The certificates of a TLS Secret's tls.crt as the simulator serves them, parsed by Node (not by Portico). */
async function secretCertificates(namespace: string, name: string): Promise<X509Certificate[]> {
  const { request } = await import('node:https');
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(new URL(`/api/v1/namespaces/${namespace}/secrets/${name}`, sim.url), { ca: sim.caPem, headers: { authorization: `Bearer ${sim.tokens.admin}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject).end();
  });
  const pem = Buffer.from((JSON.parse(body) as { data: Record<string, string> }).data['tls.crt'], 'base64').toString('utf8');
  return (pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((block) => new X509Certificate(block));
}

const decimal = (cert: X509Certificate) => BigInt(`0x${cert.serialNumber}`).toString();

beforeAll(async () => {
  [pipeline, sim] = await Promise.all([startPipeline('metrics-pipeline'), startSimulator({ scenario: 'course' })]);
  await registerCluster(pipeline.t, pipeline.adminToken, { kubeconfig: sim.kubeconfig }, 'course');
  const deadline = Date.now() + 60_000;
  while (!seriesOf(await scrape(), 'x509_cert_not_after').some((s) => s.labels.secret_name === 'legacy-billing-tls')) {
    if (Date.now() > deadline) throw new Error('the course certificates did not reach /api/metrics in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);
afterAll(async () => {
  await Promise.all([pipeline?.close(), sim?.close()]);
});

describe('GET /api/metrics over a synced cluster', () => {
  it("values each certificate's gauges at the NotAfter of the certificate the cluster holds", async () => {
    const families = await scrape();
    const [leaf] = await secretCertificates('demo', 'quickstart-example-tls');
    const notAfter = Date.parse(leaf.validTo) / 1000;
    const expiration = seriesOf(families, 'certmanager_certificate_expiration_timestamp_seconds').find((s) => s.labels.namespace === 'demo' && s.labels.name === 'quickstart-example-tls');
    expect(expiration?.labels.cluster).toBe('course');
    expect(expiration?.value).toBe(notAfter);
    const x509 = seriesOf(families, 'x509_cert_not_after').find((s) => s.labels.serial_number === decimal(leaf));
    expect(x509).toMatchObject({ value: notAfter, labels: { cluster: 'course', secret_namespace: 'demo', secret_name: 'quickstart-example-tls', secret_key: 'tls.crt' } });
  });

  it('says which certificates are expired, as x509-certificate-exporter does', async () => {
    const families = await scrape();
    const [expiredLeaf] = await secretCertificates('payments', 'legacy-billing-tls');
    const [freshLeaf] = await secretCertificates('demo', 'quickstart-example-tls');
    expect(Date.parse(expiredLeaf.validTo)).toBeLessThan(Date.now());
    const expired = (cert: X509Certificate) => seriesOf(families, 'x509_cert_expired').find((s) => s.labels.serial_number === decimal(cert))?.value;
    expect(expired(expiredLeaf)).toBe(1);
    expect(expired(freshLeaf)).toBe(0);
  });
});
