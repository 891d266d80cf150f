import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { AuthCard } from '@/modules/auth/components/auth-card';
import { LoginForm } from '@/modules/auth/components/login-form';
import { getMe } from '@/modules/auth/lib/get-me';
import { safeNextPath } from '@/modules/auth/lib/safe-next-path';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const next = safeNextPath((await searchParams).next);
  // Already signed in: nothing to do here.
  const me = await getMe();
  if (me.ok) redirect(next);

  return (
    <AuthCard
      title="Sign in to Portico"
      subtitle="Traffic to your Kubernetes workloads, in one place."
      after={
        <>
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
        </>
      }
    >
      <LoginForm next={next} />
    </AuthCard>
  );
}
