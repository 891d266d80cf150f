import type { ReactNode } from 'react';
import { Icon } from '@/modules/ui/components/icons';

/** The frame of the pages outside the signed-in shell (sign in, invitation): the logo, a title, one card, and what follows it. */
export function AuthCard({ title, subtitle, children, after }: { title: string; subtitle?: ReactNode; children: ReactNode; after?: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="flex size-10 items-center justify-center rounded-lg bg-zinc-900 text-white shadow-sm">
            <Icon name="logo" className="size-5" />
          </span>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-zinc-600">{subtitle}</p>}
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs">{children}</div>
        {after}
      </div>
    </main>
  );
}
