import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { LoadError } from '@/modules/changes/components/load-error';
import { Badge } from '@/modules/ui/components/badge';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDate } from '@/modules/ui/lib/format';

export async function generateMetadata({ params }: { params: Promise<{ host: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).host) };
}

/** A hostname across clusters: every Ingress, HTTPRoute and Gateway listener serving it, with the certificate each serves it with. */
export default async function HostPage({ params }: { params: Promise<{ host: string }> }) {
  await connection();
  const host = decodeURIComponent((await params).host);
  const res = await apiGet(routes.getHost, { params: { host } });
  // Not a hostname (an IP, a port…): there is no such page.
  if (!res.ok && res.status === 400) notFound();
  if (!res.ok) return <LoadError title={host} what="this host" problem={res.problem} />;
  const { routes: served } = res.data;
  return (
    <>
      <PageHeader title={host} description="Every Ingress, HTTPRoute and Gateway listener that serves this hostname, in every cluster, with its TLS certificate." />
      <Section id="served-by" title="Served by" description={served.length ? undefined : 'Nothing in your clusters serves this host.'}>
        {served.length > 0 && (
          <Table label="Served by" stackOnPhone>
            <thead>
              <tr>
                <Th>Cluster</Th>
                <Th>Object</Th>
                <Th>Matched by</Th>
                <Th>Serves</Th>
                <Th>TLS certificate</Th>
              </tr>
            </thead>
            <tbody>
              {served.map((r) => (
                <tr key={r.objectId} data-testid="host-route">
                  <Td label="Cluster">{r.cluster.name}</Td>
                  <Td label="Object">
                    <Link href={`/objects/${r.objectId}`} className="font-medium text-accent-700 hover:underline">
                      {r.kind} {r.namespace}/{r.name}
                    </Link>
                  </Td>
                  <Td label="Matched by">{r.matchedBy === host ? 'this host' : r.matchedBy}</Td>
                  <Td label="Serves">
                    <ul>
                      {r.serves.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  </Td>
                  <Td label="TLS certificate">
                    {!r.tls ? (
                      <span className="text-zinc-500">{r.kind === 'HTTPRoute' ? 'at its Gateway' : 'none'}</span>
                    ) : (
                      <div className="space-y-1">
                        <div>
                          Secret {r.tls.secretNamespace}/{r.tls.secretName}{' '}
                          {!r.tls.found ? <Badge tone="warning">not found</Badge> : r.tls.covers ? <Badge tone="success">covers it</Badge> : <Badge tone="danger">does not cover it</Badge>}
                        </div>
                        {r.tls.found && (
                          <div className="text-xs text-muted">
                            SANs {r.tls.dnsNames.join(', ') || 'none'}; expires {formatDate(r.tls.notAfter)}
                          </div>
                        )}
                      </div>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
