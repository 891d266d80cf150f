import type { Metadata } from 'next';
import Link from 'next/link';
import { requireMe } from '@/modules/auth/lib/get-me';
import { CreateOrganizationForm } from '@/modules/organizations/components/create-organization-form';
import { Icon, type IconName } from '@/modules/ui/components/icons';
import { PageHeader } from '@/modules/ui/components/page-header';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { Section } from '@/modules/ui/components/section';
import { Term } from '@/modules/ui/components/term';

export const metadata: Metadata = { title: 'Settings' };

function LinkCard({ href, icon, title, children }: { href: string; icon: IconName; title: string; children: string }) {
  return (
    <Link
      href={href}
      className="group flex gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs transition-colors hover:border-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
    >
      <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 group-hover:text-accent-600">
        <Icon name={icon} className="size-4" />
      </span>
      <span>
        <span className="block text-sm font-semibold text-zinc-900">{title}</span>
        <span className="mt-0.5 block text-sm text-zinc-600">{children}</span>
      </span>
    </Link>
  );
}

export default async function SettingsPage() {
  const me = await requireMe();
  const isAdmin = me.organization.role === 'admin';

  return (
    <>
      <PageHeader title="Settings" description={`Settings of ${me.organization.name} and of your account.`} />
      <div className="space-y-6">
        <Section id="organization" title="Organization">
          <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-3">
            <Term label="Name" className="text-zinc-900">
              {me.organization.name}
            </Term>
            <Term label="Slug" className="font-mono text-[13px] text-zinc-900">
              {me.organization.slug}
            </Term>
            <Term label="Your role">
              <RoleBadge role={me.organization.role} />
            </Term>
          </dl>
        </Section>

        <div className="grid gap-4 md:grid-cols-2">
          {isAdmin && (
            <LinkCard href="/settings/users" icon="users" title="Users">
              Add members, change their roles, disable accounts.
            </LinkCard>
          )}
          {isAdmin && (
            <LinkCard href="/settings/audit" icon="audit" title="Audit log">
              Sign-ins, tokens and membership changes, newest first.
            </LinkCard>
          )}
          <LinkCard href="/settings/notifications" icon="warning" title="Notifications">
            Certificate alert thresholds, recipients, daily digest, test e-mail.
          </LinkCard>
          {isAdmin && (
            <LinkCard href="/settings/outbox" icon="audit" title="Outbox">
              Every e-mail alerts wrote, rendered, with its delivery state.
            </LinkCard>
          )}
          <LinkCard href="/account" icon="key" title="Account & API tokens">
            Your profile and the tokens scripts and CI use.
          </LinkCard>
          <a
            href="/api/docs"
            className="group flex gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs transition-colors hover:border-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
          >
            <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 group-hover:text-accent-600">
              <Icon name="code" className="size-4" />
            </span>
            <span>
              <span className="block text-sm font-semibold text-zinc-900">API reference</span>
              <span className="mt-0.5 block text-sm text-zinc-600">
                Interactive docs; the OpenAPI document is at <code className="font-mono text-[13px]">/api/openapi.json</code>.
              </span>
            </span>
          </a>
        </div>

        <Section id="new-organization" title="Create an organization" description="A separate tenant with its own clusters, members and tokens. You become its admin.">
          <CreateOrganizationForm csrfToken={me.csrfToken} />
        </Section>
      </div>
    </>
  );
}
