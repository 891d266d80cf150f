import type { Db } from './client.js';
import { describeCredentialsFailure, needsReseal, openClusterCredentials, sealClusterCredentials } from './cluster-credentials.js';
import type { CredentialCipher } from './credential-cipher.js';

export interface RotationReport {
  /** Re-sealed under the current key in the current format. */
  resealed: number;
  /** Already sealed under the current key and format: untouched. */
  current: number;
  /** Changed by someone else between our read and our write (e.g. new credentials entered): left alone, already current. */
  changedMeanwhile: number;
  /** Could not be opened: each with the cluster and why (a missing key names its id). */
  failed: { clusterId: string; organizationId: string; name: string; reason: string }[];
}

/**
 * Re-seals every cluster's credentials under the current key (`cipher.keyId`) and format, so
 * a previous key can then be dropped from PORTICO_SECRET_KEY_PREVIOUS. Idempotent: current
 * rows are skipped. Each row is its own compare-and-set update (only if its ciphertext, key
 * id, server and insecure flag are still what was read), so a concurrent edit is never
 * overwritten and a failure leaves every other row done.
 */
export async function rotateClusterCredentials(db: Db, cipher: CredentialCipher): Promise<RotationReport> {
  const report: RotationReport = { resealed: 0, current: 0, changedMeanwhile: 0, failed: [] };
  const rows = await db.cluster.findMany({
    select: { id: true, organizationId: true, name: true, server: true, insecureSkipTlsVerify: true, credentials: true, credentialsKeyId: true },
    orderBy: { createdAt: 'asc' },
  });
  for (const row of rows) {
    if (!needsReseal(cipher, row)) {
      report.current++;
      continue;
    }
    let material;
    try {
      material = openClusterCredentials(cipher, row);
    } catch (err) {
      report.failed.push({ clusterId: row.id, organizationId: row.organizationId, name: row.name, reason: describeCredentialsFailure(err) });
      continue;
    }
    const sealed = sealClusterCredentials(cipher, row, material);
    const { count } = await db.cluster.updateMany({
      where: { id: row.id, credentials: row.credentials, credentialsKeyId: row.credentialsKeyId, server: row.server, insecureSkipTlsVerify: row.insecureSkipTlsVerify },
      data: sealed,
    });
    if (count === 1) report.resealed++;
    else report.changedMeanwhile++;
  }
  return report;
}
