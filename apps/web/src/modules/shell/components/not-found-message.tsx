import Link from 'next/link';
import { buttonClass } from '@/modules/ui/components/button';

/** The 404 text, shared by the bare not-found page and the one inside the signed-in shell. */
export function NotFoundMessage() {
  return (
    <div className="flex flex-col items-center gap-3 py-16 text-center">
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="text-xl font-semibold text-zinc-900">Page not found</h1>
      <p className="text-sm text-zinc-600">There is nothing at this address, or it is not in your organization.</p>
      <Link href="/" className={buttonClass('secondary')}>
        Back to Portico
      </Link>
    </div>
  );
}
