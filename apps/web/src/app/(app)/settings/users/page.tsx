import type { Metadata } from 'next';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { AdminRequired } from '@/modules/auth/components/admin-required';
import { requireMe } from '@/modules/auth/lib/get-me';
import { MembersPanel } from '@/modules/members/components/members-panel';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await requireMe();
  const header = <PageHeader title="Users" description={`Who can sign in to ${me.organization.name}, and with which role.`} />;
  if (me.organization.role !== 'admin') {
    return (
      <>
        {header}
        <AdminRequired organization={me.organization.name} what="and manage its members" />
      </>
    );
  }

  const [members, invitations] = await Promise.all([apiGet(routes.listMembers, { query: { limit: 100 } }), apiGet(routes.listInvitations, { query: { limit: 100 } })]);
  const failed = !members.ok ? members : !invitations.ok ? invitations : null;
  return (
    <>
      {header}
      {members.ok && invitations.ok ? (
        <Section id="members" title="Members" description="Viewers can look, editors can change cluster objects, admins also manage members and see the audit log.">
          <MembersPanel initial={members.data} initialInvitations={invitations.data} myUserId={me.user.id} csrfToken={me.csrfToken} />
        </Section>
      ) : failed?.status === 403 ? (
        <AdminRequired organization={me.organization.name} what="and manage its members" />
      ) : (
        failed && (
          <Alert tone="error" title="Could not load the members">
            {problemMessage(failed.problem)}
          </Alert>
        )
      )}
    </>
  );
}
