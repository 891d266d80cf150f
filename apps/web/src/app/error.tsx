'use client';

import { Button } from '@/modules/ui/components/button';

// Errors outside the signed-in shell, e.g. the API being down while the shell loads `/me`.
export default function RootError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-red-700">Error</p>
      <h1 className="text-xl font-semibold text-zinc-900">Portico could not load this page</h1>
      <p role="alert" className="max-w-md text-sm text-zinc-600">
        The portal could not reach the Portico API, or the API failed. Try again in a moment. Reference: <code className="font-mono">{error.digest ?? 'n/a'}</code>
      </p>
      <Button variant="primary" onClick={() => retry()}>
        Try again
      </Button>
    </main>
  );
}
