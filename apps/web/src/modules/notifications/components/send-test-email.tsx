'use client';

import Link from 'next/link';
import { useState } from 'react';
import { routes, type TOutboxSummary } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';

/** "Send test e-mail": queues one through the outbox to the default recipients, and links to it. */
export function SendTestEmail({ csrfToken }: { csrfToken?: string }) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: true; message: TOutboxSummary } | { ok: false; error: string } | null>(null);
  async function send() {
    setPending(true);
    const res = await apiCall(routes.sendTestEmail, { body: {}, csrfToken });
    setPending(false);
    setResult(res.ok ? { ok: true, message: res.data } : { ok: false, error: problemMessage(res.problem) });
  }
  return (
    <div className="space-y-3">
      <Button onClick={() => void send()} disabled={pending}>
        {pending ? 'Sending…' : 'Send test e-mail'}
      </Button>
      <div aria-live="polite" className="empty:hidden">
        {result?.ok && (
          <Alert tone="success">
            Queued to {result.message.to.join(', ')}.{' '}
            <Link href={`/settings/outbox/${result.message.id}`} className="font-medium underline">
              Follow it in the outbox
            </Link>
            .
          </Alert>
        )}
        {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      </div>
    </div>
  );
}
