'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { routes } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';

/** An admin's per-cluster switch: changes wait for another admin's approval (e.g. production). */
export function RequireApprovalToggle({ clusterId, initial, csrfToken }: { clusterId: string; initial: boolean; csrfToken?: string }) {
  const router = useRouter();
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    // Shown at once, and put back if the API refuses.
    setOn(next);
    setBusy(true);
    setError(null);
    const res = await apiCall(routes.updateCluster, { params: { id: clusterId }, body: { requireApproval: next }, csrfToken });
    setBusy(false);
    if (!res.ok) {
      setOn(!next);
      setError(problemMessage(res.problem));
      return;
    }
    setOn(res.data.requireApproval);
    router.refresh();
  }

  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
        <input type="checkbox" checked={on} disabled={busy} onChange={(e) => void toggle(e.target.checked)} className="size-4" />
        Require approval for changes
      </label>
      <p className="text-xs text-zinc-500">Changes to this cluster then wait until an admin other than their author approves them.</p>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
