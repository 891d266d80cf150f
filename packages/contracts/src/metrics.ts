import { z } from 'zod';

/**
 * The Prometheus metrics Portico exposes (docs/metrics.md): names, help and labels are a public
 * contract, like routes. Certificates mirror the exporters that dashboards and alert rules are
 * written for, cert-manager's controller and x509-certificate-exporter, plus a `cluster` label.
 * @see https://cert-manager.io/docs/devops-tips/prometheus-metrics/
 * @see https://github.com/enix/x509-certificate-exporter/blob/main/docs/metrics.md
 */

/** Prometheus text exposition format 0.0.4, what prom-client writes and every scraper reads. */
export const PROMETHEUS_TEXT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const ZMetricsText = z.string().describe('Prometheus text exposition format 0.0.4');

export interface MetricSpec<L extends string = string> {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  labels: readonly L[];
}

const metric = <L extends string>(spec: MetricSpec<L>) => spec;

// cert-manager's own label set (name/namespace of the Certificate, its issuerRef) + our cluster.
const CERT_MANAGER = ['cluster', 'name', 'namespace', 'issuer_name', 'issuer_kind', 'issuer_group'] as const;
// x509-certificate-exporter's labels for a `kube-secret` source (the ones we can fill) + our cluster.
const X509 = ['cluster', 'secret_namespace', 'secret_name', 'secret_key', 'subject_CN', 'issuer_CN', 'serial_number'] as const;

/** `GET /api/metrics`: one organization's clusters, certificates, changes and mail. */
export const organizationMetricSpecs = {
  certManagerExpiration: metric({
    name: 'certmanager_certificate_expiration_timestamp_seconds',
    help: 'The date after which the certificate expires, as a Unix epoch time (0 when unknown).',
    type: 'gauge',
    labels: CERT_MANAGER,
  }),
  certManagerRenewal: metric({
    name: 'certmanager_certificate_renewal_timestamp_seconds',
    help: 'The timestamp after which cert-manager renews the certificate, as a Unix epoch time (0 when unknown).',
    type: 'gauge',
    labels: CERT_MANAGER,
  }),
  certManagerReady: metric({
    name: 'certmanager_certificate_ready_status',
    help: 'The ready status of the certificate: 1 for the condition status it has.',
    type: 'gauge',
    labels: [...CERT_MANAGER, 'condition'],
  }),
  x509NotAfter: metric({ name: 'x509_cert_not_after', help: "Unix timestamp of the certificate's NotAfter (every certificate of a TLS Secret's tls.crt).", type: 'gauge', labels: X509 }),
  x509Expired: metric({ name: 'x509_cert_expired', help: '1 if the certificate is expired (now > NotAfter), else 0.', type: 'gauge', labels: X509 }),
  clusterSyncLag: metric({
    name: 'portico_cluster_sync_lag_seconds',
    help: "Seconds since the cluster's copy was last known current (absent until its first sync).",
    type: 'gauge',
    labels: ['cluster'],
  }),
  clusterReady: metric({ name: 'portico_cluster_status', help: "1 for the cluster's sync status (pending, syncing, ready, unreachable, error).", type: 'gauge', labels: ['cluster', 'status'] }),
  changeQueue: metric({ name: 'portico_change_queue_depth', help: 'Changes not applied yet, by cluster and state.', type: 'gauge', labels: ['cluster', 'state'] }),
  mailSent: metric({ name: 'portico_mail_sent_total', help: 'E-mails the outbox delivered.', type: 'counter', labels: [] }),
  mailFailed: metric({ name: 'portico_mail_failed_total', help: 'E-mails the outbox gave up on after every retry.', type: 'counter', labels: [] }),
  mailPending: metric({ name: 'portico_mail_pending', help: 'E-mails waiting in the outbox (pending or being sent).', type: 'gauge', labels: [] }),
};

/** The worker's `/metrics` for the operator: the whole installation, labelled by ids and states, never a tenant's names. */
export const fleetMetricSpecs = {
  clusterSyncLag: metric({
    name: 'portico_cluster_sync_lag_seconds',
    help: "Seconds since the cluster's copy was last known current (absent until its first sync).",
    type: 'gauge',
    labels: ['cluster_id'],
  }),
  clusterReady: metric({ name: 'portico_cluster_status', help: "1 for the cluster's sync status.", type: 'gauge', labels: ['cluster_id', 'status'] }),
  changeQueue: metric({ name: 'portico_change_queue_depth', help: 'Changes not applied yet, by state.', type: 'gauge', labels: ['state'] }),
  jobQueue: metric({ name: 'portico_job_queue_depth', help: 'pg-boss jobs not finished, by queue and state (queued, active).', type: 'gauge', labels: ['queue', 'state'] }),
  mailSent: organizationMetricSpecs.mailSent,
  mailFailed: organizationMetricSpecs.mailFailed,
  mailPending: organizationMetricSpecs.mailPending,
};
