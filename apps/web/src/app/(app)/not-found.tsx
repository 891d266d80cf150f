import type { Metadata } from 'next';
import { NotFoundMessage } from '@/modules/shell/components/not-found-message';

export const metadata: Metadata = { title: 'Page not found' };

/** `notFound()` in a signed-in page: the message inside the shell, whose `<main>` it already is in. */
export default function SignedInNotFound() {
  return <NotFoundMessage />;
}
