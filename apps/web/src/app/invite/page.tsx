import type { Metadata } from 'next';
import { AcceptInvitation } from '@/modules/auth/components/accept-invitation';
import { Icon } from '@/modules/ui/components/icons';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

/** Public: the invitee may have no account yet, or be signed in as someone else. */
export default function InvitePage() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="flex size-10 items-center justify-center rounded-lg bg-zinc-900 text-white shadow-sm">
            <Icon name="logo" className="size-5" />
          </span>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-zinc-900">Join an organization on Portico</h1>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs">
          <AcceptInvitation />
        </div>
      </div>
    </main>
  );
}
