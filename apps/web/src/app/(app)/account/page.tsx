import type { Metadata } from 'next';
import { routes } from '@portico/contracts';
import { ChangePasswordForm } from '@/modules/account/components/change-password-form';
import { MyInvitations } from '@/modules/account/components/my-invitations';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { TokensPanel } from '@/modules/tokens/components/tokens-panel';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { Section } from '@/modules/ui/components/section';
import { Term } from '@/modules/ui/components/term';
import { problemMessage } from '@/modules/api/lib/problem';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const me = await requireMe();
  const [tokens, invitations] = await Promise.all([apiGet(routes.listTokens, { query: { limit: 50 } }), apiGet(routes.listMyInvitations)]);
  const isAdmin = me.organization.role === 'admin';

  return (
    <>
      <PageHeader title="Account" description="Your profile, your password, invitations to other organizations, and the API tokens that let scripts and CI act on your behalf." />
      <div className="space-y-6">
        {(!invitations.ok || invitations.data.items.length > 0) && (
          <Section id="invitations" title="Invitations" description="Organizations that invited your e-mail address. To join, paste the link you were sent.">
            {invitations.ok ? (
              <MyInvitations initial={invitations.data.items} csrfToken={me.csrfToken} />
            ) : (
              <Alert tone="error" title="Could not load your invitations">
                {problemMessage(invitations.problem)}
              </Alert>
            )}
          </Section>
        )}

        <Section id="profile" title="Profile">
          <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <Term label="Name" className="text-zinc-900">
              {me.user.name}
            </Term>
            <Term label="E-mail" className="text-zinc-900">
              {me.user.email}
            </Term>
            <Term label="Current organization" className="text-zinc-900">
              {me.organization.name}
              <span className="block font-mono text-xs text-zinc-500">{me.organization.slug}</span>
            </Term>
            <Term label="Role">
              <RoleBadge role={me.organization.role} />
            </Term>
          </dl>
        </Section>

        <Section id="password" title="Password" description="Changing it signs you out everywhere else.">
          <ChangePasswordForm csrfToken={me.csrfToken} />
        </Section>

        <Section
          id="tokens"
          title="API tokens"
          description={
            <>
              Send a token as <code className="font-mono text-[13px]">Authorization: Bearer …</code>. Each token belongs to {me.organization.name} and can do at most what its role allows
              {isAdmin ? '. As an admin you see every token in the organization.' : '.'}
            </>
          }
        >
          {tokens.ok ? (
            <TokensPanel initial={tokens.data} myRole={me.organization.role} myUserId={me.user.id} csrfToken={me.csrfToken} />
          ) : (
            <Alert tone="error" title="Could not load your API tokens">
              {problemMessage(tokens.problem)}
            </Alert>
          )}
        </Section>
      </div>
    </>
  );
}
