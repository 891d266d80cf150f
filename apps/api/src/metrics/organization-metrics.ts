import { type MetricSpec, organizationMetricSpecs as specs } from '@portico/contracts';
import type { OrganizationMetrics } from '@portico/db';
import { Counter, Gauge, type LabelValues, type MetricValue, Registry } from 'prom-client';

/**
 * A gauge whose series are handed over whole, read from the database at scrape time (a custom
 * collector). prom-client's `set()` hashes every label set; for 10,000 certificates (≈ 90,000
 * series) that doubled the scrape's CPU, and these series are never updated one by one.
 */
class SnapshotGauge<L extends string> extends Gauge<L> {
  constructor(
    spec: MetricSpec<L>,
    registry: Registry,
    private readonly series: MetricValue<L>[],
  ) {
    super({ name: spec.name, help: spec.help, labelNames: spec.labels, registers: [registry] });
  }

  override async get() {
    return { ...(await super.get()), values: this.series };
  }
}

/**
 * One organization's metrics as a fresh registry, built from what the database said at scrape
 * time: nothing is kept between scrapes, so one tenant's series cannot linger in another's
 * answer. `now` is epoch seconds.
 */
export function organizationRegistry(data: OrganizationMetrics, now: number): Registry {
  const registry = new Registry();
  const snapshot = <L extends string>(spec: MetricSpec<L>, series: MetricValue<L>[]) => new SnapshotGauge(spec, registry, series);

  const certManager = data.certManager.map((c) => ({
    c,
    labels: { cluster: c.cluster, name: c.name, namespace: c.namespace, issuer_name: c.issuerName, issuer_kind: c.issuerKind, issuer_group: issuerGroup(c.issuerKind) },
  }));
  // cert-manager reports 0 for a time its status does not have yet; so do we.
  snapshot(
    specs.certManagerExpiration,
    certManager.map(({ c, labels }) => ({ labels, value: c.notAfter ?? 0 })),
  );
  snapshot(
    specs.certManagerRenewal,
    certManager.map(({ c, labels }) => ({ labels, value: c.renewalTime ?? 0 })),
  );
  snapshot(
    specs.certManagerReady,
    certManager.flatMap(({ c, labels }) => {
      const status = c.ready === null ? 'Unknown' : c.ready ? 'True' : 'False';
      return CONDITIONS.map((condition) => ({ labels: { ...labels, condition }, value: condition === status ? 1 : 0 }));
    }),
  );

  const x509 = data.x509.map((c) => ({
    c,
    labels: {
      cluster: c.cluster,
      secret_namespace: c.secretNamespace,
      secret_name: c.secretName,
      secret_key: 'tls.crt',
      subject_CN: commonNameOf(c.subject),
      issuer_CN: commonNameOf(c.issuer),
      serial_number: decimalSerial(c.serialNumber),
    } satisfies LabelValues<(typeof specs.x509NotAfter.labels)[number]>,
  }));
  snapshot(
    specs.x509NotAfter,
    x509.map(({ c, labels }) => ({ labels, value: c.notAfter })),
  );
  snapshot(
    specs.x509Expired,
    x509.map(({ c, labels }) => ({ labels, value: now > c.notAfter ? 1 : 0 })),
  );

  snapshot(
    specs.clusterSyncLag,
    data.clusters.flatMap((c) => (c.lastSyncedAt === null ? [] : [{ labels: { cluster: c.cluster }, value: Math.max(0, now - c.lastSyncedAt) }])),
  );
  snapshot(
    specs.clusterReady,
    data.clusters.map((c) => ({ labels: { cluster: c.cluster, status: c.status }, value: 1 })),
  );
  snapshot(
    specs.changeQueue,
    data.changes.map((c) => ({ labels: { cluster: c.cluster, state: c.state }, value: c.count })),
  );
  new Counter({ name: specs.mailSent.name, help: specs.mailSent.help, registers: [registry] }).inc(data.mail.sent);
  new Counter({ name: specs.mailFailed.name, help: specs.mailFailed.help, registers: [registry] }).inc(data.mail.failed);
  snapshot(specs.mailPending, [{ labels: {}, value: data.mail.pending }]);
  return registry;
}

const CONDITIONS = ['True', 'False', 'Unknown'] as const;

/** cert-manager's own issuers default their issuerRef group to cert-manager.io; an external issuer's group is not stored. */
const issuerGroup = (kind: string) => (kind === 'Issuer' || kind === 'ClusterIssuer' ? 'cert-manager.io' : '');

/** The CN of a one-line distinguished name (`CN=example.com, O=Example`), or ''. */
export function commonNameOf(dn: string | null): string {
  return dn ? (/(?:^|, )CN=(.*?)(?=, [A-Za-z][\w.]*=|$)/.exec(dn)?.[1] ?? '') : '';
}

/** x509-certificate-exporter labels the serial in decimal; ours is parsed as hexadecimal. */
export function decimalSerial(hex: string): string {
  return /^[0-9A-Fa-f]{1,64}$/.test(hex) ? BigInt(`0x${hex}`).toString(10) : '';
}
