import type { ReactNode } from 'react';
import { connection } from 'next/server';
import { requireMe } from '@/modules/auth/lib/get-me';
import { AppShell } from '@/modules/shell/components/app-shell';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await connection();
  const me = await requireMe();
  return <AppShell me={me}>{children}</AppShell>;
}
