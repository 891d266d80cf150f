'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { routes, type TChangeCertificates } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { Badge } from '@/modules/ui/components/badge';
import { formatDate } from '@/modules/ui/lib/format';

const POLL_MS = 1_000;
/** cert-manager on a real cluster takes seconds to minutes (ACME); the page stops asking after this many reads. */
const MAX_POLLS = 300;

const done = (data: TChangeCertificates | null) => !!data && data.items.length > 0 && data.items.every((i) => i.certificate?.ready === true && i.secret !== null);

/**
 * After an Ingress change: each TLS entry's Certificate (made by cert-manager's ingress-shim),
 * followed in Portico's synced copy until Ready — or the Certificate's and its latest
 * CertificateRequest's condition saying why not.
 */
export function ChangeCertificates({ changeId }: { changeId: string }) {
  const [data, setData] = useState<TChangeCertificates | null>(null);
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (done(data) || polls >= MAX_POLLS) return;
    const timer = window.setTimeout(
      () =>
        void apiCall(routes.getChangeCertificates, { params: { id: changeId } }).then((res) => {
          if (res.ok) setData(res.data);
          setPolls((n) => n + 1);
        }),
      polls === 0 ? 0 : POLL_MS,
    );
    return () => window.clearTimeout(timer);
  }, [changeId, data, polls]);

  if (!data || data.items.length === 0) return null;
  return (
    <section aria-labelledby="certificates-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" data-testid="change-certificates">
      <h2 id="certificates-title" className="text-[15px] font-semibold text-zinc-900">
        TLS certificates
      </h2>
      {data.issuer && (
        <p className="text-sm text-zinc-600">
          Issued by cert-manager with {data.issuer.kind} {data.issuer.name}.
        </p>
      )}
      <ul className="space-y-2" aria-live="polite">
        {data.items.map((item) => (
          <li key={item.secretName} className="space-y-1 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-zinc-900">{item.secretName}</span>
              {item.hosts.map((h) => (
                <Link key={h} href={`/hosts/${encodeURIComponent(h)}`} className="text-accent-700 hover:underline">
                  {h}
                </Link>
              ))}
              {item.certificate?.ready === true ? (
                <Badge tone="success">Ready</Badge>
              ) : item.certificate ? (
                <Badge tone="warning">Not ready</Badge>
              ) : (
                <Badge tone="neutral">{data.issuer ? 'Waiting for cert-manager' : 'No Certificate'}</Badge>
              )}
            </div>
            {item.certificate && item.certificate.ready !== true && (
              <p className="text-zinc-700">
                Certificate {item.certificate.name}: {item.certificate.reason ?? 'no Ready condition yet'}
                {item.certificate.message ? ` — ${item.certificate.message}` : ''}
                {item.request && item.request.ready !== true ? `; request ${item.request.name}: ${item.request.reason ?? 'pending'}${item.request.message ? ` — ${item.request.message}` : ''}` : ''}
              </p>
            )}
            {item.secret && (
              <p className="text-zinc-600">
                SANs {item.secret.dnsNames.join(', ') || 'none'}; expires {formatDate(item.secret.notAfter)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
