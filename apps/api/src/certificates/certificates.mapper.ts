import {
  type CertificateTimeFacts,
  type TCertificateChainEntry,
  type TCertificateDetail,
  type TCertificateListItem,
  type TCertificateThresholds,
  type TrackedCertificateUse,
  certificateLevel,
  certificateStates,
  secondsLeft,
} from '@portico/contracts';
import type { TrackedCertificateRow } from '@portico/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const timeFacts = (row: TrackedCertificateRow): CertificateTimeFacts => ({
  notBefore: row.notBefore,
  notAfter: row.notAfter,
  renewalTime: row.renewalTime,
  lifetimeSeconds: row.lifetimeSeconds,
  problems: row.problems,
});

/** Whole days left, rounded down (negative once expired), as the list sorts them. */
function daysLeft(row: TrackedCertificateRow, now: Date): number | null {
  const left = secondsLeft(row, now);
  return left === null ? null : Math.floor(left / 86_400);
}

/**
 * The list's fields, one by one: a column added to the table (or a chain entry's extra field)
 * reaches a response only when it is listed here. There is no key material in the table at all.
 */
export function toCertificateListItem(row: TrackedCertificateRow, now: Date, thresholds: TCertificateThresholds): TCertificateListItem {
  return {
    id: row.id,
    clusterId: row.clusterId,
    clusterName: row.clusterName,
    namespace: row.namespace,
    secretName: row.secretName,
    source: row.source,
    certManagerName: row.certManagerName,
    commonName: row.commonName,
    dnsNames: row.dnsNames,
    issuerName: row.issuerName,
    notAfter: iso(row.notAfter),
    daysLeft: daysLeft(row, now),
    level: certificateLevel(timeFacts(row), now, thresholds),
    states: certificateStates(timeFacts(row), now, thresholds),
    owner: row.owner,
  };
}

const toChainEntry = (c: TCertificateChainEntry): TCertificateChainEntry => ({
  subject: c.subject,
  issuer: c.issuer,
  notBefore: c.notBefore,
  notAfter: c.notAfter,
  fingerprintSha256: c.fingerprintSha256,
  serialNumber: c.serialNumber,
  isCa: c.isCa,
  keyAlgorithm: c.keyAlgorithm ?? null,
  keySize: c.keySize ?? null,
  from: c.from,
});

/** One certificate's page: the list's fields and the rest of the row, listed one by one. */
export function toCertificateDetail(row: TrackedCertificateRow, now: Date, thresholds: TCertificateThresholds, objectIds: ReadonlyMap<string, string>): TCertificateDetail {
  const use = (u: TrackedCertificateUse) => ({
    kind: u.kind,
    namespace: u.namespace,
    name: u.name,
    listener: u.listener,
    hosts: u.hosts,
    objectId: objectIds.get(`${u.kind}/${u.namespace}/${u.name}`) ?? null,
  });
  return {
    ...toCertificateListItem(row, now, thresholds),
    secretExists: row.secretExists,
    subject: row.subject,
    notBefore: iso(row.notBefore),
    lifetimeSeconds: row.lifetimeSeconds,
    fingerprintSha256: row.fingerprintSha256,
    serialNumber: row.serialNumber,
    keyAlgorithm: row.keyAlgorithm,
    keySize: row.keySize,
    chain: row.chain.map(toChainEntry),
    chainComplete: row.chainComplete,
    intermediateNotAfter: iso(row.intermediateNotAfter),
    usedBy: row.usedBy.map(use),
    hosts: row.hosts,
    uncoveredHosts: row.uncoveredHosts,
    certManager: row.certManagerName
      ? {
          name: row.certManagerName,
          ready: row.ready,
          readyReason: row.readyReason,
          readyMessage: row.readyMessage,
          renewalTime: iso(row.renewalTime),
          revision: row.revision,
          requestState: row.requestState,
          requestMessage: row.requestMessage,
          issuerRef: row.issuerRefKind && row.issuerRefName ? { kind: row.issuerRefKind, name: row.issuerRefName } : null,
          issuerReady: row.issuerReady,
          issuerMessage: row.issuerMessage,
        }
      : null,
    parseError: row.parseError,
    updatedAt: row.updatedAt.toISOString(),
  };
}
