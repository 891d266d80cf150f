import Link from 'next/link';
import { buttonClass } from '@/modules/ui/components/button';

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="text-xl font-semibold text-zinc-900">Page not found</h1>
      <p className="text-sm text-zinc-600">There is nothing at this address.</p>
      <Link href="/" className={buttonClass('secondary')}>
        Back to Portico
      </Link>
    </main>
  );
}
