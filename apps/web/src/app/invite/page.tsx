import type { Metadata } from 'next';
import { AcceptInvitation } from '@/modules/auth/components/accept-invitation';
import { AuthCard } from '@/modules/auth/components/auth-card';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

/** Public: the invitee may have no account yet, or be signed in as someone else. */
export default function InvitePage() {
  return (
    <AuthCard title="Join an organization on Portico">
      <AcceptInvitation />
    </AuthCard>
  );
}
