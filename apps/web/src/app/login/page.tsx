import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { LoginForm } from '@/modules/auth/components/login-form';
import { getMe } from '@/modules/auth/lib/get-me';
import { safeNextPath } from '@/modules/auth/lib/safe-next-path';
import { Icon } from '@/modules/ui/components/icons';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const next = safeNextPath((await searchParams).next);
  // Already signed in: nothing to do here.
  const me = await getMe();
  if (me.ok) redirect(next);

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="flex size-10 items-center justify-center rounded-lg bg-zinc-900 text-white shadow-sm">
            <Icon name="logo" className="size-5" />
          </span>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-zinc-900">Sign in to Portico</h1>
          <p className="mt-1 text-sm text-zinc-600">Traffic to your Kubernetes workloads, in one place.</p>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs">
          <LoginForm next={next} />
        </div>
        {!me.ok && me.status !== 401 && (
          <p role="status" className="mt-4 text-center text-xs text-amber-800">
            {me.problem.title}. Signing in may fail until it is back.
          </p>
        )}
        <p className="mt-6 text-center text-xs text-zinc-500">
          Automating? Use an API token — see the{' '}
          <a className="underline underline-offset-2 hover:text-zinc-700" href="/api/docs">
            API reference
          </a>
          .
        </p>
      </div>
    </main>
  );
}
