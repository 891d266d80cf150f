import { type Db, type RotationReport, createCredentialCipher, rotateClusterCredentials } from '@portico/db';

/**
 * `cli.js rotate-secret-key`: re-seals every cluster's credentials under PORTICO_SECRET_KEY
 * (opening them with it or any key in PORTICO_SECRET_KEY_PREVIOUS), and upgrades rows sealed
 * before the server URL was bound into them. Safe to run again; prints counts, never a secret.
 * Exit code 1 when some row could not be opened (its previous key is missing).
 */
export async function rotateSecretKey(db: Db, keys: { current: string; previous: string }, out: (line: string) => void): Promise<{ report: RotationReport; exitCode: number }> {
  const cipher = createCredentialCipher(keys.current, keys.previous.split(','));
  const report = await rotateClusterCredentials(db, cipher);
  out(
    `Cluster credentials under key ${cipher.keyId}: ${report.resealed} re-sealed, ${report.current} already current, ${report.changedMeanwhile} changed meanwhile (left as they are), ${report.failed.length} failed.`,
  );
  for (const f of report.failed) out(`  ${f.name} (${f.clusterId}): ${f.reason}`);
  if (!report.failed.length) out('Every cluster is sealed under the current key: previous keys may now be removed from PORTICO_SECRET_KEY_PREVIOUS.');
  return { report, exitCode: report.failed.length ? 1 : 0 };
}
