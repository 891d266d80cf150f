'use client';

import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { routes, type TChange } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { Button } from '@/modules/ui/components/button';
import { inputClass } from '@/modules/ui/components/field';
import { newIdempotencyKey } from '../lib/use-change-form';

export interface ChangeViewer {
  userId: string;
  role: 'viewer' | 'editor' | 'admin';
  csrfToken?: string;
}

/** Which actions this person has on this change (the API enforces the same rules). */
export function allowedActions(change: Pick<TChange, 'state' | 'author'>, me: Pick<ChangeViewer, 'userId' | 'role'>) {
  const author = change.author.userId === me.userId;
  const waiting = change.state === 'awaiting_approval';
  return {
    cancel: (change.state === 'pending' || waiting) && me.role !== 'viewer' && (author || me.role === 'admin'),
    revert: change.state === 'applied' && me.role !== 'viewer',
    decide: waiting && me.role === 'admin' && !author,
  };
}

/** Cancel, revert, approve or reject, as this person may; the result replaces the change shown (a revert opens its own page). */
export function ChangeActions({ change, me, onChange }: { change: TChange; me: ChangeViewer; onChange: (c: TChange) => void }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const revertKey = useRef<string | null>(null);
  const can = allowedActions(change, me);
  if (!can.cancel && !can.revert && !can.decide) return null;

  async function run(action: 'cancel' | 'revert' | 'approve' | 'reject') {
    setBusy(true);
    setMessage(null);
    const params = { id: change.id };
    const body = { reason: reason.trim() || undefined };
    const res =
      action === 'cancel'
        ? await apiCall(routes.cancelChange, { params, csrfToken: me.csrfToken })
        : action === 'revert'
          ? await callRevert()
          : await apiCall(action === 'approve' ? routes.approveChange : routes.rejectChange, { params, body, csrfToken: me.csrfToken });
    setBusy(false);
    if (!res.ok) {
      setMessage(problemMessage(res.problem));
      return;
    }
    if (action === 'revert') router.push(`/changes/${res.data.id}`);
    else onChange(res.data);

    function callRevert() {
      // One key per page view: a double click or a retry reverts once.
      revertKey.current ??= newIdempotencyKey();
      return apiCall(routes.revertChange, { params, body: { ...body, overwriteNewer: false }, csrfToken: me.csrfToken, headers: { 'idempotency-key': revertKey.current } });
    }
  }

  return (
    <div className="space-y-3">
      {(can.decide || can.revert) && (
        <div className="space-y-1.5">
          <label htmlFor="decision-reason" className="block text-sm font-medium text-zinc-800">
            Reason <span className="font-normal text-zinc-500">(optional)</span>
          </label>
          <input id="decision-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} className={inputClass} />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {can.decide && (
          <>
            <Button variant="primary" disabled={busy} onClick={() => run('approve')}>
              Approve
            </Button>
            <Button variant="danger" disabled={busy} onClick={() => run('reject')}>
              Reject
            </Button>
          </>
        )}
        {can.revert && (
          <Button disabled={busy} onClick={() => run('revert')}>
            Revert
          </Button>
        )}
        {can.cancel && (
          <Button variant="danger" disabled={busy} onClick={() => run('cancel')}>
            Cancel change
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {message && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {message}
          </p>
        )}
      </div>
    </div>
  );
}
