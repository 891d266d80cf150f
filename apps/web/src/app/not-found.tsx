import type { Metadata } from 'next';
import { NotFoundMessage } from '@/modules/shell/components/not-found-message';

export const metadata: Metadata = { title: 'Page not found' };

/** Any address no route matches (answered 404), outside the signed-in shell: its own landmark. */
export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4">
      <NotFoundMessage />
    </main>
  );
}
