import Link from 'next/link';
import { buttonClass } from './button';

/** A cursor-paged list's links: back to its first page (when not on it), and to the next page (when there is one). */
export function PageLinks({ first, next }: { first?: string; next?: string }) {
  return (
    <div className="flex gap-2">
      {first && (
        <Link href={first} className={buttonClass('secondary', 'sm')}>
          First page
        </Link>
      )}
      {next && (
        <Link href={next} className={buttonClass('secondary', 'sm')}>
          Next page →
        </Link>
      )}
    </div>
  );
}
