import type { Metadata } from 'next';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Certificates' };

export default function Page() {
  return (
    <>
      <PageHeader title="Certificates" description="TLS certificates in your clusters and when they expire." />
      <EmptyState
        icon="certificates"
        title="No certificates found yet"
        source={
          <>
            Planned data source: the certificate scanner in the worker and its alerts, served under <code className="font-mono">/api/v1</code> (not in the API yet).
          </>
        }
      >
        <p>Certificates read from <code className="font-mono">kubernetes.io/tls</code> Secrets and cert-manager Certificate resources will be listed with subject, SANs, issuer, validity dates, renewal time and readiness, soonest expiry first.</p>
        <p>Portico reads only the public certificate: private keys (<code className="font-mono">tls.key</code>) are never read. Expiry alerts will be sent by e-mail according to your alert policy.</p>
      </EmptyState>
    </>
  );
}
