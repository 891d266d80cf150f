'use client';

import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';

export default function SignedInError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">This page could not be loaded</h1>
      <Alert tone="error" title="Something went wrong while talking to the Portico API.">
        Try again in a moment. If it keeps happening, give your administrator this reference: <code className="font-mono">{error.digest ?? 'n/a'}</code>
      </Alert>
      <Button variant="primary" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
