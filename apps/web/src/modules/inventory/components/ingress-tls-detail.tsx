import Link from 'next/link';
import type { TIngressSummary } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Icon } from '@/modules/ui/components/icons';
import { formatDateTime } from '@/modules/ui/lib/format';
import { expiryLabel, expiryTone } from '../lib/describe';
import { objectHref } from './cells';

/** An Ingress's TLS entries on its page: each Secret linked, with its certificate's expiry. */
export function IngressTlsDetail({ ingress }: { ingress: TIngressSummary }) {
  if (ingress.tls.length === 0) return <span className="text-sm text-zinc-600">no TLS</span>;
  return (
    <ul className="space-y-1.5" data-testid="ingress-tls">
      {ingress.tls.map((t, i) => (
        <li key={`${t.secretName}-${i}`} className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-[13px]">
          <Icon name="lock" className="size-3.5 shrink-0 text-emerald-600" />
          {t.secretId ? (
            <Link href={objectHref(t.secretId)} className="font-mono break-all text-accent-700 hover:underline">
              {t.secretName}
            </Link>
          ) : (
            <span className="font-mono break-all text-zinc-700">{t.secretName ?? '(the controller’s default certificate)'}</span>
          )}
          {t.secretName && !t.secretId && <span className="text-xs text-amber-800">Secret not in the cluster</span>}
          {t.notAfter && (
            <span title={`Expires ${formatDateTime(t.notAfter)}`}>
              <Badge tone={expiryTone(t.daysLeft)}>{expiryLabel(t)}</Badge>
            </span>
          )}
          {t.hosts.length > 0 && <span className="text-xs text-zinc-600">for {t.hosts.join(', ')}</span>}
        </li>
      ))}
      {ingress.issuer && <li className="text-xs text-zinc-600">issuer {ingress.issuer}</li>}
    </ul>
  );
}
