import type { Metadata } from 'next';
import Link from 'next/link';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { NotificationPolicyForm } from '@/modules/notifications/components/notification-policy-form';
import { SendTestEmail } from '@/modules/notifications/components/send-test-email';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const me = await requireMe();
  const isAdmin = me.organization.role === 'admin';
  const [policy, clusters] = await Promise.all([apiGet(routes.getNotificationPolicy), apiGet(routes.listClusters)]);
  return (
    <>
      <PageHeader title="Notifications" description={`When and to whom ${me.organization.name}'s certificate alerts are e-mailed.`} />
      <div className="space-y-6">
        {policy.ok ? (
          <Section
            id="policy"
            title="Certificate alerts"
            description={isAdmin ? 'Expired, critical, warning and renewal-overdue alerts; each is e-mailed once, and reminded at most once a day.' : 'Only admins can change these settings.'}
          >
            <NotificationPolicyForm policy={policy.data.policy} clusters={clusters.ok ? clusters.data.items.map((c) => ({ id: c.id, name: c.name })) : []} csrfToken={me.csrfToken} canEdit={isAdmin} />
          </Section>
        ) : (
          <Alert tone="error" title="Could not load the notification settings">
            {problemMessage(policy.problem)}
          </Alert>
        )}
        {isAdmin && (
          <Section
            id="test-email"
            title="Test e-mail"
            description={
              <>
                Sends one e-mail to the default recipients through the outbox, like an alert.{' '}
                <Link href="/settings/outbox" className="underline">
                  Outbox
                </Link>
              </>
            }
          >
            <SendTestEmail csrfToken={me.csrfToken} />
          </Section>
        )}
      </div>
    </>
  );
}
