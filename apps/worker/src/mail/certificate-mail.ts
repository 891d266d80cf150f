import { randomUUID } from 'node:crypto';
import type { DueNotification, OutboxDraft } from '@portico/db/sql';

// The e-mails certificate alerts send (issue 11): what expires, where (cluster, namespace,
// Secret, hosts), when, why (an overdue renewal and cert-manager's own words), what to do, and a
// link to the certificate's page. Plain text and HTML say the same; every value from a cluster is
// escaped in the HTML (a cluster is untrusted: docs/security.md).

const LEVEL_WORDS: Record<string, string> = {
  expired: 'Expired',
  critical: 'Critical',
  warning: 'Expiring soon',
  'renewal-overdue': 'Renewal overdue',
};

const DAY_MS = 86_400_000;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** "in 3 days", "today", "3 days ago". */
function relative(notAfter: Date, now: Date): string {
  const days = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (days > 1) return `in ${days} days`;
  if (days === 1) return 'in 1 day';
  if (notAfter.getTime() > now.getTime()) return 'within a day';
  const ago = Math.floor((now.getTime() - notAfter.getTime()) / DAY_MS);
  return ago === 0 ? 'less than a day ago' : `${ago} day${ago === 1 ? '' : 's'} ago`;
}

/** One certificate's facts as label/value lines, shared by the text and HTML bodies. */
function facts(n: DueNotification, now: Date, publicUrl: string): { headline: string; lines: [string, string][]; todo: string; link: string | null } {
  const c = n.certificate;
  const where = `${c.namespace}/${c.secretName} on cluster ${c.clusterName}`;
  const when = c.notAfter ? `${c.notAfter < now ? 'expired' : 'expires'} ${relative(c.notAfter, now)} (${iso(c.notAfter)})` : 'no certificate is stored in the Secret';
  const headline =
    n.kind === 'resolved'
      ? `The ${LEVEL_WORDS[n.level]?.toLowerCase() ?? n.level} alert for ${where} is resolved (${n.resolution === 'renewed' ? 'the certificate was renewed' : (n.resolution ?? 'resolved')}).`
      : `The TLS certificate ${where} ${when}.`;
  const why: string[] = [];
  // Overdue: cert-manager's renewal time has passed and the stored certificate is older than it.
  const overdue = c.renewalTime && c.renewalTime <= now && (!c.notBefore || c.notBefore < c.renewalTime);
  if (overdue) why.push(`cert-manager should have renewed it at ${iso(c.renewalTime!)} and has not.`);
  if (c.ready === false && c.readyMessage) why.push(`cert-manager says: "${c.readyMessage}"`);
  if (c.requestState && c.requestState !== 'Issued') why.push(`Its latest CertificateRequest is ${c.requestState}${c.requestMessage ? `: "${c.requestMessage}"` : ''}.`);
  if (c.issuerReady === false) why.push(`Its ${c.issuerRefKind ?? 'Issuer'} ${c.issuerRefName ?? ''} is not ready${c.issuerMessage ? `: "${c.issuerMessage}"` : ''}.`);
  const hosts = [...new Set([...c.hosts, ...c.dnsNames])];
  const lines: [string, string][] = [
    ['Level', LEVEL_WORDS[n.level] ?? n.level],
    ['Cluster', c.clusterName],
    ['Namespace', c.namespace],
    ['Secret', c.secretName],
    ...(c.certManagerName ? ([['Certificate (cert-manager)', c.certManagerName]] as [string, string][]) : []),
    ['Hosts', hosts.length ? hosts.join(', ') : '(none)'],
    ['Expires', c.notAfter ? `${iso(c.notAfter)} (${relative(c.notAfter, now)})` : '(no certificate)'],
    ...(c.owner ? ([['Owner', c.owner]] as [string, string][]) : []),
    ...(why.length ? ([['Why', why.join(' ')]] as [string, string][]) : []),
  ];
  let todo: string;
  if (n.kind === 'resolved') todo = 'Nothing: this is for your records.';
  else if (c.certManagerName)
    todo = `cert-manager manages this certificate: see why it is not renewing with "kubectl describe certificate -n ${c.namespace} ${c.certManagerName}" and the latest CertificateRequest, fix the issuer or the request, then renew ("cmctl renew -n ${c.namespace} ${c.certManagerName}").`;
  else todo = `Put a renewed certificate in Secret ${c.namespace}/${c.secretName} before it expires, or let cert-manager manage it; snooze the alert in Portico if it is handled elsewhere.`;
  const link = c.id ? `${publicUrl.replace(/\/+$/, '')}/certificates/${c.id}` : null;
  return { headline, lines, todo, link };
}

function subjectOf(n: DueNotification): string {
  const c = n.certificate;
  const what = `${c.namespace}/${c.secretName} on ${c.clusterName}`;
  if (n.kind === 'resolved') return `[Portico] Resolved: ${what}`;
  const prefix = n.kind === 'reminder' ? 'Reminder: ' : '';
  return `[Portico] ${prefix}${LEVEL_WORDS[n.level] ?? n.level}: ${what}`;
}

const textBlock = (f: ReturnType<typeof facts>) => [f.headline, '', ...f.lines.map(([k, v]) => `${k}: ${v}`), '', `What to do: ${f.todo}`, ...(f.link ? ['', `Details: ${f.link}`] : [])].join('\n');

const htmlBlock = (f: ReturnType<typeof facts>) =>
  `<p>${escapeHtml(f.headline)}</p>
<table cellpadding="4" style="border-collapse:collapse">${f.lines.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><strong>What to do:</strong> ${escapeHtml(f.todo)}</p>${f.link ? `\n<p><a href="${escapeHtml(f.link)}">Open the certificate in Portico</a></p>` : ''}`;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif">${body}</body></html>`;

/** More alerts than this for one recipient list in one evaluation are sent as one e-mail listing them. */
export const MAX_SEPARATE_EMAILS = 5;
/** How many certificates one grouped e-mail details; the rest are counted, with a link to the list. */
export const MAX_LISTED = 100;

const SEVERITY = ['expired', 'critical', 'renewal-overdue', 'warning'];
const bySeverity = (a: DueNotification, b: DueNotification) => SEVERITY.indexOf(a.level) - SEVERITY.indexOf(b.level);

/** One e-mail for many alerts (a digest, or a burst such as the first evaluation of a fleet), most severe first. */
function grouped(list: DueNotification[], kind: 'digest' | 'alert', now: Date, publicUrl: string): OutboxDraft {
  const sorted = [...list].sort(bySeverity);
  const counts = SEVERITY.map((level) => [level, sorted.filter((n) => n.level === level).length] as const).filter(([, n]) => n > 0);
  const tally = counts.map(([level, n]) => `${n} ${(LEVEL_WORDS[level] ?? level).toLowerCase()}`).join(', ');
  const subject =
    kind === 'digest' ? `[Portico] Certificate digest: ${list.length} certificate${list.length === 1 ? '' : 's'} need attention` : `[Portico] ${list.length} new certificate alerts: ${tally}`;
  const intro = kind === 'digest' ? `${list.length} certificate alert(s) are open: ${tally}.` : `${list.length} certificate alerts were raised: ${tally}.`;
  const blocks = sorted.slice(0, MAX_LISTED).map((n) => facts(n, now, publicUrl));
  const rest = sorted.length - blocks.length;
  const more = rest > 0 ? `…and ${rest} more: ${publicUrl.replace(/\/+$/, '')}/certificates` : '';
  return {
    id: randomUUID(),
    organizationId: list[0].organizationId,
    kind,
    to: list[0].to,
    subject,
    text: [intro, ...blocks.map((b) => `\n----\n${textBlock(b)}`), ...(more ? ['', more] : [])].join('\n'),
    html: page(subject, `<p>${escapeHtml(intro)}</p>${blocks.map((b) => `<hr>${htmlBlock(b)}`).join('\n')}${more ? `<hr><p>${escapeHtml(more)}</p>` : ''}`),
    alertIds: list.map((n) => n.alertId),
  };
}

/**
 * E-mails for the notifications an evaluation found due: one per alert (new, reminder,
 * resolved) — but more than MAX_SEPARATE_EMAILS new alerts for one recipient list become one
 * e-mail listing them (a first evaluation of a fleet must not send thousands) — and in digest
 * mode one per organization and recipient list.
 */
export function renderCertificateMails(due: DueNotification[], now: Date, publicUrl: string): OutboxDraft[] {
  const drafts: OutboxDraft[] = [];
  const groups = new Map<string, DueNotification[]>();
  for (const n of due) {
    const key = `${n.kind} ${n.organizationId} ${n.to.join(',')}`;
    const list = groups.get(key);
    if (list) list.push(n);
    else groups.set(key, [n]);
  }
  for (const list of groups.values()) {
    const kind = list[0].kind;
    if (kind === 'digest' || (kind === 'alert' && list.length > MAX_SEPARATE_EMAILS)) {
      drafts.push(grouped(list, kind, now, publicUrl));
      continue;
    }
    for (const n of list) {
      const f = facts(n, now, publicUrl);
      const subject = subjectOf(n);
      drafts.push({ id: randomUUID(), organizationId: n.organizationId, kind: n.kind, to: n.to, subject, text: textBlock(f), html: page(subject, htmlBlock(f)), alertIds: [n.alertId] });
    }
  }
  return drafts;
}
