import Link from 'next/link';
import type { ReactNode } from 'react';
import type { TCertificateDetail } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Section } from '@/modules/ui/components/section';
import { formatDateTime } from '@/modules/ui/lib/format';
import { explainState } from '../lib/state-explanations';
import { AlertHistory } from '../alert-history';

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-zinc-500">{term}</dt>
          <dd className="min-w-0 break-words text-zinc-800">{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? 'unknown' : v ? <Badge tone="success">{yes}</Badge> : <Badge tone="danger">{no}</Badge>);
const lifetime = (seconds: number | null) => (seconds === null ? null : seconds >= 86_400 ? `${Math.round(seconds / 86_400)} days` : `${Math.round(seconds / 3600)} hours`);

/** The body of a certificate's page: what is wrong, its names, where it is used, cert-manager's view, the chain. */
export function CertificateDetailView({ certificate: c }: { certificate: TCertificateDetail }) {
  const mono = (s: string | null) => (s ? <span className="font-mono text-xs">{s}</span> : null);
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-6">
        {c.states.length > 0 && (
          <Section id="problems" title="What is wrong">
            <ul className="list-disc space-y-2 pl-5 text-sm text-zinc-800">
              {c.states.map((s) => (
                <li key={s}>{explainState(s, c)}</li>
              ))}
            </ul>
          </Section>
        )}
        {c.parseError && (
          <Section id="parse-error" title="Unreadable certificate">
            <p className="text-sm text-red-700">{c.parseError}</p>
          </Section>
        )}
        <Section id="names" title="Names" description="The DNS names (SANs) the certificate is valid for, and the hosts users reach it as.">
          <Facts
            rows={[
              ['DNS names', c.dnsNames.length ? c.dnsNames.join(', ') : null],
              ['Common name', c.commonName],
              ['Hosts served', c.hosts.length ? c.hosts.join(', ') : null],
              ['Not covered', c.uncoveredHosts.length ? <span className="font-medium text-red-700">{c.uncoveredHosts.join(', ')}</span> : 'none'],
            ]}
          />
        </Section>
        <Section id="used-by" title="Where it is used" description="Ingress TLS entries and Gateway listeners that name this Secret.">
          {c.usedBy.length === 0 ? (
            <p className="text-sm text-zinc-600">Nothing synced names this Secret.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {c.usedBy.map((u) => (
                <li key={`${u.kind}/${u.namespace}/${u.name}/${u.listener ?? ''}`}>
                  <Badge tone="accent">{u.kind}</Badge>{' '}
                  {u.objectId ? (
                    <Link href={`/objects/${u.objectId}`} className="font-medium text-accent-700 hover:underline">
                      {u.namespace}/{u.name}
                    </Link>
                  ) : (
                    <span className="font-medium">
                      {u.namespace}/{u.name}
                    </span>
                  )}
                  {u.listener && <span className="text-zinc-600"> listener {u.listener}</span>}
                  {u.hosts.length > 0 && <span className="text-zinc-600"> — {u.hosts.join(', ')}</span>}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="chain" title="Chain" description={c.chainComplete === false ? 'Incomplete: the intermediate that issued the leaf is not in the Secret.' : 'tls.crt (leaf first), then ca.crt.'}>
          {c.chain.length === 0 ? (
            <p className="text-sm text-zinc-600">No certificate stored.</p>
          ) : (
            <ol className="space-y-3 text-sm" aria-label="Certificate chain">
              {c.chain.map((cert, i) => (
                <li key={`${cert.fingerprintSha256}-${i}`} className="rounded-md border border-zinc-200 p-3">
                  <p className="font-medium text-zinc-900">
                    {i === 0 && cert.from === 'tls.crt' ? 'Leaf' : cert.from === 'ca.crt' ? 'CA (ca.crt)' : cert.subject === cert.issuer ? 'Root' : 'Intermediate'}: {cert.subject || '(empty subject)'}
                  </p>
                  <p className="text-zinc-600">
                    issued by {cert.issuer} · valid until {formatDateTime(cert.notAfter)} · {cert.keyAlgorithm ?? '?'} {cert.keySize ?? ''}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Section>
      </div>
      <div className="min-w-0 space-y-6">
        <Section id="validity" title="Validity">
          <Facts
            rows={[
              ['Not before', formatDateTime(c.notBefore)],
              ['Not after', formatDateTime(c.notAfter)],
              ['Lifetime', lifetime(c.lifetimeSeconds)],
              ['Days left', c.daysLeft === null ? null : String(c.daysLeft)],
              ['Source', c.source === 'reference' ? 'named by an Ingress/Gateway, no Secret' : c.source === 'cert-manager' ? 'cert-manager Certificate' : 'TLS Secret'],
              ['Secret', c.secretExists ? `${c.namespace}/${c.secretName}` : 'missing'],
            ]}
          />
        </Section>
        {c.certManager && (
          <Section id="cert-manager" title="cert-manager" description={`Certificate ${c.certManager.name}`}>
            <Facts
              rows={[
                ['Ready', yesNo(c.certManager.ready, 'Ready', 'Not ready')],
                ['Reason', c.certManager.readyReason],
                ['Message', c.certManager.readyMessage],
                ['Renews at', formatDateTime(c.certManager.renewalTime)],
                ['Revision', c.certManager.revision === null ? null : String(c.certManager.revision)],
                ['Latest request', c.certManager.requestState],
                ['Request message', c.certManager.requestMessage],
                ['Issuer', c.certManager.issuerRef ? `${c.certManager.issuerRef.kind} ${c.certManager.issuerRef.name}` : null],
                ['Issuer ready', yesNo(c.certManager.issuerReady, 'Ready', 'Not ready')],
                ['Issuer message', c.certManager.issuerMessage],
              ]}
            />
          </Section>
        )}
        <Section id="certificate" title="Certificate">
          <Facts
            rows={[
              ['Subject', c.subject],
              ['Issuer', c.issuerName],
              ['Key', c.keyAlgorithm ? `${c.keyAlgorithm} ${c.keySize ?? ''}` : null],
              ['Serial', mono(c.serialNumber)],
              ['SHA-256', mono(c.fingerprintSha256)],
            ]}
          />
        </Section>
        <AlertHistory certificateId={c.id} />
      </div>
    </div>
  );
}
