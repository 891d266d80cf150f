import { DEFAULT_NOTIFICATION_POLICY, type TCertificateThresholds } from '@portico/contracts';
import { type CertificateRuleSql, levelSql, stateSql } from './certificate-level.js';
import type { Sql, SqlPool } from './pool.js';

// Certificate alert evaluation (issue 11; docs/certificates.md#alerts), set-based: a handful of
// statements whatever the number of certificates. One evaluation runs at a time (a transaction-level
// advisory lock), and each alert is unique per (organization, identity, fingerprint, level) in
// the table, so two workers, a restart or a retry never raise or mail one twice. The e-mails are
// written to the outbox, and their jobs enqueued, in the same transaction.

/** Serializes evaluations: any constant both workers agree on. */
const EVALUATION_LOCK = 1_100_000_011;

/** Thresholds per organization: its saved policy, else the defaults (columns of the `pol` CTE). */
const POLICY_RULES: CertificateRuleSql = {
  now: '$1::timestamptz',
  warningDays: 'pol."warningDays"',
  criticalDays: 'pol."criticalDays"',
  criticalLifetimeFraction: 'pol."criticalLifetimeFraction"',
  overdueHours: 'pol."overdueHours"',
};

const D = DEFAULT_NOTIFICATION_POLICY;
/** `$1` now, `$2` one organization or NULL for all. */
const POLICY_CTE = `pol AS (
  SELECT o."id" AS "organizationId",
         COALESCE(p."warningDays", ${D.warningDays}) AS "warningDays", COALESCE(p."criticalDays", ${D.criticalDays}) AS "criticalDays",
         COALESCE(p."criticalLifetimeFraction", ${D.criticalLifetimeFraction}) AS "criticalLifetimeFraction", COALESCE(p."overdueHours", ${D.overdueHours}) AS "overdueHours",
         COALESCE(p."mode", 'immediate') AS "mode"
    FROM "Organization" o LEFT JOIN "NotificationPolicy" p ON p."organizationId" = o."id"
   WHERE ($2::uuid IS NULL OR o."id" = $2::uuid))`;

/** The alert level each certificate has now: its time level, with a warning that comes from an overdue renewal named as such. */
const CURRENT_CTE = `cur AS (
  SELECT x."organizationId", x."clusterId", x."namespace", x."secretName", x."fingerprintSha256",
         CASE WHEN x."timeLevel" = 'warning' AND x."overdue" THEN 'renewal-overdue' ELSE x."timeLevel" END AS "level"
    FROM (SELECT c."organizationId", c."clusterId", c."namespace", c."secretName", COALESCE(c."fingerprintSha256", '') AS "fingerprintSha256",
                 ${levelSql('c', POLICY_RULES)} AS "timeLevel", ${stateSql('renewal-overdue', 'c', POLICY_RULES)} AS "overdue"
            FROM "TrackedCertificate" c JOIN pol ON pol."organizationId" = c."organizationId") x)`;

const SNOOZED = (a: string) =>
  `EXISTS (SELECT 1 FROM "CertificateSnooze" s WHERE s."organizationId" = ${a}."organizationId" AND s."clusterId" = ${a}."clusterId" AND s."namespace" = ${a}."namespace" AND s."secretName" = ${a}."secretName" AND s."until" > $1::timestamptz)`;

/** What an e-mail about one alert says: the alert, its certificate, and who receives it. */
export interface DueNotification {
  kind: 'alert' | 'reminder' | 'resolved' | 'digest';
  alertId: string;
  organizationId: string;
  level: string;
  raisedAt: Date;
  resolution: string | null;
  to: string[];
  certificate: {
    id: string | null;
    clusterId: string;
    clusterName: string;
    namespace: string;
    secretName: string;
    certManagerName: string | null;
    commonName: string | null;
    dnsNames: string[];
    hosts: string[];
    notBefore: Date | null;
    notAfter: Date | null;
    renewalTime: Date | null;
    ready: boolean | null;
    fingerprintSha256: string;
    readyMessage: string | null;
    requestState: string | null;
    requestMessage: string | null;
    issuerRefKind: string | null;
    issuerRefName: string | null;
    issuerReady: boolean | null;
    issuerMessage: string | null;
    owner: string | null;
  };
}

/** One e-mail to write: rendered by the caller (the worker), for the alerts in `alertIds`. */
export interface OutboxDraft {
  id: string;
  organizationId: string;
  kind: 'alert' | 'reminder' | 'resolved' | 'digest' | 'test';
  to: string[];
  subject: string;
  text: string;
  html: string;
  alertIds: string[];
}

export interface EvaluationHooks {
  /** Turns the notifications due into e-mails (grouping a digest is the caller's choice). */
  render(due: DueNotification[]): OutboxDraft[];
  /** Enqueues the mailer's jobs for these outbox rows, inside the evaluation's transaction. */
  enqueue(tx: Sql, outboxIds: string[]): Promise<void>;
}

export interface EvaluationSummary {
  raised: number;
  reopened: number;
  resolved: number;
  notified: number;
  messages: number;
  /** Where the time went, per step (ms): for the bench and the logs. */
  timings: Record<'resolve' | 'raise' | 'due' | 'render' | 'outbox' | 'enqueue' | 'commit', number>;
}

/**
 * Evaluates every tracked certificate of one organization (or all) at `now`: resolves open
 * alerts whose certificate was renewed, removed or changed level; raises the new ones (skipping
 * snoozed certificates); then writes the e-mails due — immediate mode: a new alert, or a reminder
 * once a day while it stays open; digest mode: everything open, once a day at the digest hour;
 * resolved alerts that were mailed get a "resolved" e-mail.
 */
export async function evaluateCertificateAlerts(pool: SqlPool, options: { now: Date; organizationId?: string }, hooks: EvaluationHooks): Promise<EvaluationSummary> {
  const client = await pool.connect();
  const args = [options.now, options.organizationId ?? null];
  const timings = { resolve: 0, raise: 0, due: 0, render: 0, outbox: 0, enqueue: 0, commit: 0 };
  let mark = performance.now();
  const lap = (step: keyof typeof timings) => {
    const t = performance.now();
    timings[step] = Math.round((t - mark) * 10) / 10;
    mark = t;
  };
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [EVALUATION_LOCK]);
    const resolved = await client.query<{ id: string; notified: boolean; mode: string; resolution: string }>(
      `WITH ${POLICY_CTE}, ${CURRENT_CTE},
       gone AS (
         SELECT a."id", CASE WHEN cur."organizationId" IS NULL THEN 'removed' WHEN cur."fingerprintSha256" <> a."fingerprintSha256" THEN 'renewed'
                             WHEN cur."level" IS NULL THEN 'cleared' ELSE 'level-changed' END AS "resolution", pol."mode"
           FROM "CertificateAlert" a JOIN pol ON pol."organizationId" = a."organizationId"
           LEFT JOIN cur ON cur."clusterId" = a."clusterId" AND cur."namespace" = a."namespace" AND cur."secretName" = a."secretName"
          WHERE a."resolvedAt" IS NULL AND (cur."organizationId" IS NULL OR cur."fingerprintSha256" <> a."fingerprintSha256" OR cur."level" IS DISTINCT FROM a."level"))
       UPDATE "CertificateAlert" a SET "resolvedAt" = $1, "resolution" = gone."resolution" FROM gone WHERE a."id" = gone."id"
       RETURNING a."id", a."lastNotifiedAt" IS NOT NULL AS "notified", gone."mode", gone."resolution"`,
      args,
    );
    lap('resolve');
    const raised = await client.query<{ inserted: boolean }>(
      `WITH ${POLICY_CTE}, ${CURRENT_CTE}
       INSERT INTO "CertificateAlert" ("id", "organizationId", "clusterId", "namespace", "secretName", "fingerprintSha256", "level", "raisedAt")
       SELECT gen_random_uuid(), cur."organizationId", cur."clusterId", cur."namespace", cur."secretName", cur."fingerprintSha256", cur."level", $1
         FROM cur WHERE cur."level" IS NOT NULL AND NOT ${SNOOZED('cur')}
          -- Open already: skipped before the insert, so only new and resolved (reopened) keys reach ON CONFLICT, which locks the rows it meets.
          AND NOT EXISTS (SELECT 1 FROM "CertificateAlert" o WHERE o."organizationId" = cur."organizationId" AND o."clusterId" = cur."clusterId" AND o."namespace" = cur."namespace"
                             AND o."secretName" = cur."secretName" AND o."fingerprintSha256" = cur."fingerprintSha256" AND o."level" = cur."level" AND o."resolvedAt" IS NULL)
        ORDER BY cur."clusterId", cur."namespace", cur."secretName"
       ON CONFLICT ("organizationId", "clusterId", "namespace", "secretName", "fingerprintSha256", "level")
       DO UPDATE SET "resolvedAt" = NULL, "resolution" = NULL WHERE "CertificateAlert"."resolvedAt" IS NOT NULL
       RETURNING (xmax = 0) AS "inserted"`,
      args,
    );
    lap('raise');
    const digestOrgs = await claimDigests(client, options.now, options.organizationId);
    // "Resolved" e-mails only for alerts someone was told about, in immediate mode; a level change is followed by the new level's e-mail.
    const resolvedToMail = resolved.rows.filter((r) => r.notified && r.mode === 'immediate' && r.resolution !== 'level-changed').map((r) => r.id);
    const due = await takeDue(client, args, digestOrgs, resolvedToMail);
    lap('due');
    const drafts = hooks.render(due);
    lap('render');
    await insertOutbox(client, drafts);
    lap('outbox');
    if (drafts.length)
      await hooks.enqueue(
        client,
        drafts.map((d) => d.id),
      );
    lap('enqueue');
    await client.query('COMMIT');
    lap('commit');
    const inserted = raised.rows.filter((r) => r.inserted).length;
    return { raised: inserted, reopened: raised.rows.length - inserted, resolved: resolved.rows.length, notified: due.length, messages: drafts.length, timings };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Organizations in digest mode whose digest hour has come today and whose digest was not yet written; marks them done. */
async function claimDigests(client: Sql, now: Date, organizationId: string | undefined): Promise<string[]> {
  const result = await client.query<{ organizationId: string }>(
    `UPDATE "NotificationPolicy" p SET "lastDigestAt" = $1
      WHERE p."mode" = 'digest' AND ($2::uuid IS NULL OR p."organizationId" = $2::uuid)
        AND $1::timestamptz >= date_trunc('day', $1::timestamptz, 'UTC') + make_interval(hours => p."digestHourUtc")
        AND (p."lastDigestAt" IS NULL OR p."lastDigestAt" < date_trunc('day', $1::timestamptz, 'UTC') + make_interval(hours => p."digestHourUtc"))
      RETURNING p."organizationId"`,
    [now, organizationId ?? null],
  );
  return result.rows.map((r) => r.organizationId);
}

/**
 * Marks the alerts whose e-mail is due as notified and returns them with their certificate and
 * recipients: the policy's default list (the organization's admins while it is empty), plus the
 * cluster's and the owner's lists. An alert nobody would receive is left due.
 */
async function takeDue(client: Sql, args: unknown[], digestOrgs: string[], resolvedIds: string[]): Promise<DueNotification[]> {
  const result = await client.query<DueNotification & { certificate: never } & Record<string, unknown>>(
    `WITH ${POLICY_CTE},
     -- Once per organization (MATERIALIZED: inlined, the admins' lookup would run once per alert).
     base AS MATERIALIZED (
       SELECT pol."organizationId", pol."mode",
              CASE WHEN cardinality(COALESCE(p."recipients", '{}')) > 0 THEN p."recipients"
                   ELSE ARRAY(SELECT u."email" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
                               WHERE m."organizationId" = pol."organizationId" AND m."role" = 'admin' AND m."disabledAt" IS NULL ORDER BY u."email") END AS "emails",
              COALESCE(p."clusterRecipients", '[]') AS "clusterRecipients", COALESCE(p."ownerRecipients", '[]') AS "ownerRecipients"
         FROM pol LEFT JOIN "NotificationPolicy" p ON p."organizationId" = pol."organizationId"),
     cand AS (
       SELECT a."id", a."organizationId", a."level", a."raisedAt", a."resolution", a."clusterId", a."namespace", a."secretName",
              CASE WHEN a."resolvedAt" IS NOT NULL THEN 'resolved' WHEN a."organizationId" = ANY($3::uuid[]) THEN 'digest' WHEN a."lastNotifiedAt" IS NULL THEN 'alert' ELSE 'reminder' END AS "kind",
              ARRAY(SELECT DISTINCT e FROM unnest(b."emails"
                       || ARRAY(SELECT jsonb_array_elements_text(r->'emails') FROM jsonb_array_elements(b."clusterRecipients") r WHERE r->>'clusterId' = a."clusterId"::text)
                       || ARRAY(SELECT jsonb_array_elements_text(r->'emails') FROM jsonb_array_elements(b."ownerRecipients") r WHERE r->>'owner' = t."owner")) e ORDER BY e) AS "to",
              json_build_object('id', t."id", 'clusterId', a."clusterId", 'namespace', a."namespace", 'secretName', a."secretName",
                'certManagerName', t."certManagerName", 'commonName', t."commonName", 'dnsNames', COALESCE(t."dnsNames", '{}'), 'hosts', COALESCE(t."hosts", '{}'),
                'notBefore', t."notBefore", 'notAfter', t."notAfter", 'renewalTime', t."renewalTime", 'fingerprintSha256', a."fingerprintSha256",
                'ready', t."ready", 'readyMessage', t."readyMessage", 'requestState', t."requestState", 'requestMessage', t."requestMessage",
                'issuerRefKind', t."issuerRefKind", 'issuerRefName', t."issuerRefName", 'issuerReady', t."issuerReady", 'issuerMessage', t."issuerMessage", 'owner', t."owner") AS "certificate"
         FROM "CertificateAlert" a JOIN base b ON b."organizationId" = a."organizationId"
         LEFT JOIN "TrackedCertificate" t ON t."clusterId" = a."clusterId" AND t."namespace" = a."namespace" AND t."secretName" = a."secretName"
        WHERE a."id" = ANY($4::uuid[])
           OR (a."resolvedAt" IS NULL AND NOT ${SNOOZED('a')}
               AND ((b."mode" = 'immediate' AND (a."lastNotifiedAt" IS NULL OR a."lastNotifiedAt" <= $1::timestamptz - interval '1 day')) OR a."organizationId" = ANY($3::uuid[])))),
     -- RETURNING carries cand's columns: joining the two CTEs again would be planned as a nested loop (a CTE is estimated at 1 row).
     marked AS (
       UPDATE "CertificateAlert" a SET "lastNotifiedAt" = $1 FROM cand WHERE a."id" = cand."id" AND cardinality(cand."to") > 0
       RETURNING cand."kind", cand."id", cand."organizationId", cand."level", cand."raisedAt", cand."resolution", cand."to", cand."clusterId", cand."namespace", cand."secretName", cand."certificate")
     SELECT m."kind", m."id" AS "alertId", m."organizationId", m."level", m."raisedAt", m."resolution", m."to",
            m."certificate"::jsonb || jsonb_build_object('clusterName', k."name") AS "certificate"
       FROM marked m JOIN "Cluster" k ON k."id" = m."clusterId"
      ORDER BY m."organizationId", m."clusterId", m."namespace", m."secretName", m."level"`,
    [...args, digestOrgs, resolvedIds],
  );
  return result.rows.map((row) => {
    const c = row.certificate as Record<string, unknown>;
    return {
      kind: row.kind,
      alertId: row.alertId,
      organizationId: row.organizationId,
      level: row.level,
      raisedAt: row.raisedAt,
      resolution: row.resolution,
      to: row.to,
      certificate: { ...(c as DueNotification['certificate']), notBefore: dateOrNull(c.notBefore), notAfter: dateOrNull(c.notAfter), renewalTime: dateOrNull(c.renewalTime) },
    };
  });
}

const dateOrNull = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);

/** Writes the e-mails in one statement (a JSON array of rows). */
export async function insertOutbox(sql: Sql, drafts: OutboxDraft[]): Promise<void> {
  if (!drafts.length) return;
  await sql.query(
    `INSERT INTO "OutboxMessage" ("id", "organizationId", "kind", "to", "subject", "text", "html", "alertIds")
     SELECT x."id", x."organizationId", x."kind", x."to", x."subject", x."text", x."html", x."alertIds"
       FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "organizationId" uuid, "kind" text, "to" text[], "subject" text, "text" text, "html" text, "alertIds" uuid[])`,
    [JSON.stringify(drafts)],
  );
}

// ---- The mailer's side: claim, record ----

export interface ClaimedOutboxMessage {
  id: string;
  organizationId: string;
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attempts: number;
}

/**
 * Marks a pending message as sending and counts the attempt; `undefined` when it is sent,
 * failed, or being sent by another worker right now. A message left `sending` longer than
 * `staleSeconds` (its worker died mid-send) can be claimed again: that is the one window where
 * an e-mail may go out twice, and its stable Message-ID lets a mail system drop the copy.
 */
export async function claimOutboxMessage(sql: Sql, id: string, staleSeconds: number): Promise<ClaimedOutboxMessage | undefined> {
  const result = await sql.query<ClaimedOutboxMessage>(
    `UPDATE "OutboxMessage" SET "state" = 'sending', "attempts" = "attempts" + 1, "claimedAt" = now()
      WHERE "id" = $1 AND ("state" = 'pending' OR ("state" = 'sending' AND "claimedAt" < now() - make_interval(secs => $2)))
      RETURNING "id", "organizationId", "kind", "to", "subject", "text", "html", "attempts"`,
    [id, staleSeconds],
  );
  return result.rows[0];
}

/** Records the SMTP server's answer for a message this worker claimed. */
export async function recordOutboxSent(sql: Sql, id: string, serverResponse: string): Promise<void> {
  await sql.query(`UPDATE "OutboxMessage" SET "state" = 'sent', "sentAt" = now(), "serverResponse" = $2, "lastError" = NULL WHERE "id" = $1 AND "state" = 'sending'`, [id, serverResponse]);
}

/** A failed attempt: back to pending for the job's retry, or `failed` when attempts are spent. */
export async function recordOutboxFailure(sql: Sql, id: string, error: string, final: boolean): Promise<void> {
  await sql.query(`UPDATE "OutboxMessage" SET "state" = $3, "lastError" = $2 WHERE "id" = $1 AND "state" = 'sending'`, [id, error, final ? 'failed' : 'pending']);
}

/** An organization's alert thresholds: its saved policy's, else the defaults (the certificate list judges states with them). */
export async function findCertificateThresholds(sql: Sql, organizationId: string): Promise<TCertificateThresholds> {
  const { rows } = await sql.query<TCertificateThresholds>(`SELECT "warningDays", "criticalDays", "criticalLifetimeFraction", "overdueHours" FROM "NotificationPolicy" WHERE "organizationId" = $1`, [
    organizationId,
  ]);
  const { warningDays, criticalDays, criticalLifetimeFraction, overdueHours } = rows[0] ?? D;
  return { warningDays, criticalDays, criticalLifetimeFraction, overdueHours };
}
