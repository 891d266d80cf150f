import Link from 'next/link';
import type { TCertificateListItem } from '@portico/contracts';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { cx } from '@/modules/ui/lib/cx';
import { type CertificateListParams, certificateListHref } from '../lib/certificate-query';
import { DaysLeft, StateBadges } from './state-badges';

const SOURCE_WORDS: Record<TCertificateListItem['source'], string> = { secret: 'TLS Secret', 'cert-manager': 'cert-manager', reference: 'named, no Secret' };

/** The fleet's certificates, one row each, sortable by days left (the API's order). */
export function CertificatesTable({ items, params }: { items: TCertificateListItem[]; params: CertificateListParams }) {
  const ascending = params.sort === 'daysLeft';
  return (
    <Table label="Certificates" stackOnPhone>
      <thead>
        <tr>
          <Th>Certificate</Th>
          <Th aria-sort={ascending ? 'ascending' : 'descending'}>
            <Link
              href={certificateListHref(params, { sort: ascending ? '-daysLeft' : 'daysLeft', cursor: undefined })}
              className="inline-flex items-center gap-1 text-zinc-900 uppercase hover:underline"
              aria-label={`Sort by Days left${ascending ? ', descending' : ''}`}
            >
              Days left
              <span aria-hidden="true" className="text-[10px]">
                {ascending ? '▲' : '▼'}
              </span>
            </Link>
          </Th>
          <Th>States</Th>
          <Th>DNS names</Th>
          <Th>Where</Th>
          <Th>Owner</Th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id} data-certificate-id={c.id} className="hover:bg-zinc-50/60">
            <Td className="align-top">
              <Link href={`/certificates/${c.id}`} className="font-medium text-accent-700 hover:underline">
                {c.secretName}
              </Link>
              <p className="text-xs text-zinc-500">
                {SOURCE_WORDS[c.source]}
                {c.issuerName ? ` · issued by ${c.issuerName}` : ''}
              </p>
            </Td>
            <Td label="Days left" className="align-top whitespace-nowrap">
              <DaysLeft daysLeft={c.daysLeft} level={c.level} />
            </Td>
            <Td label="States" className="align-top">
              <StateBadges states={c.states} />
            </Td>
            <Td label="DNS names" className={cx('max-w-64 align-top break-words', !c.dnsNames.length && 'text-zinc-400')}>
              {c.dnsNames.length ? c.dnsNames.slice(0, 3).join(', ') + (c.dnsNames.length > 3 ? ` +${c.dnsNames.length - 3}` : '') : '—'}
            </Td>
            <Td label="Where" className="align-top">
              {c.clusterName} / {c.namespace}
            </Td>
            <Td label="Owner" className={cx('align-top', !c.owner && 'text-zinc-400')}>
              {c.owner ?? '—'}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
