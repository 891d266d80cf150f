import { routes, type TCertificateAlert } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { Badge, type BadgeTone } from '@/modules/ui/components/badge';
import { Section } from '@/modules/ui/components/section';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDateTime } from '@/modules/ui/lib/format';
import { SnoozeForm } from './snooze-form';

const LEVEL: Record<TCertificateAlert['level'], { tone: BadgeTone; label: string }> = {
  expired: { tone: 'danger', label: 'Expired' },
  critical: { tone: 'danger', label: 'Critical' },
  warning: { tone: 'warning', label: 'Warning' },
  'renewal-overdue': { tone: 'warning', label: 'Renewal overdue' },
};

const RESOLUTION: Record<string, string> = { renewed: 'renewed', cleared: 'no longer applies', 'level-changed': 'level changed', removed: 'certificate removed' };

/**
 * A certificate's alerts (raised, last e-mailed, resolved and why) and its snooze: the part of
 * the certificate page that belongs to alerting (issue 11). Server component: reads the API.
 */
export async function AlertHistory({ certificateId }: { certificateId: string }) {
  // The caller once per request (React cache): editors and admins may snooze.
  const [me, res] = await Promise.all([requireMe(), apiGet(routes.listCertificateAlerts, { params: { id: certificateId } })]);
  const canSnooze = me.organization.role !== 'viewer';
  const csrfToken = me.csrfToken;
  if (!res.ok) {
    return (
      <Alert tone="error" title="Could not load the alert history">
        {problemMessage(res.problem)}
      </Alert>
    );
  }
  const { alerts, snooze } = res.data;
  return (
    <Section id="alerts" title="Alerts" description="E-mailed once when raised, reminded at most once a day while open.">
      <div className="space-y-4">
        <SnoozeForm certificateId={certificateId} snooze={snooze} csrfToken={csrfToken} canEdit={canSnooze} />
        {alerts.length === 0 ? (
          <p className="text-sm text-zinc-600">No alert was raised for this certificate.</p>
        ) : (
          <Table label="Alert history" stackOnPhone>
            <thead>
              <tr>
                <Th>Level</Th>
                <Th>Raised</Th>
                <Th>Last e-mailed</Th>
                <Th>Resolved</Th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <Td>
                    <Badge tone={a.resolvedAt ? 'neutral' : LEVEL[a.level].tone}>{LEVEL[a.level].label}</Badge>
                  </Td>
                  <Td label="Raised">{formatDateTime(a.raisedAt)}</Td>
                  <Td label="Last e-mailed">{a.lastNotifiedAt ? formatDateTime(a.lastNotifiedAt) : 'not yet'}</Td>
                  <Td label="Resolved">{a.resolvedAt ? `${formatDateTime(a.resolvedAt)} (${RESOLUTION[a.resolution ?? ''] ?? a.resolution})` : 'open'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Section>
  );
}
