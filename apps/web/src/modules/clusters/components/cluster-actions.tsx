'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { routes, type TCluster } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { Button } from '@/modules/ui/components/button';

/** Admin actions on one cluster: disable/enable syncing, delete (with a confirmation step). */
export function ClusterActions({ cluster, csrfToken, afterDelete }: { cluster: Pick<TCluster, 'id' | 'name' | 'enabled'>; csrfToken?: string; afterDelete?: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'toggle' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const params = { id: cluster.id };

  async function toggle() {
    setBusy('toggle');
    setError(null);
    const res = await apiCall(routes.updateCluster, { params, body: { enabled: !cluster.enabled }, csrfToken });
    setBusy(null);
    if (!res.ok) return setError(`Could not ${cluster.enabled ? 'disable' : 'enable'} ${cluster.name}. ${problemMessage(res.problem)}`);
    router.refresh();
  }

  async function remove() {
    setBusy('delete');
    setError(null);
    const res = await apiCall(routes.deleteCluster, { params, csrfToken });
    setBusy(null);
    if (!res.ok) return setError(`Could not delete ${cluster.name}. ${problemMessage(res.problem)}`);
    setConfirming(false);
    if (afterDelete) router.push(afterDelete);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {confirming ? (
        <>
          <span className="text-xs text-zinc-600">Delete {cluster.name} and everything synced from it?</span>
          <Button size="sm" variant="danger" onClick={remove} disabled={busy !== null} autoFocus aria-label={`Confirm deleting cluster ${cluster.name}`}>
            {busy === 'delete' ? 'Deleting…' : 'Delete'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={busy !== null}>
            Cancel
          </Button>
        </>
      ) : (
        <>
          <Button size="sm" onClick={toggle} disabled={busy !== null} aria-label={`${cluster.enabled ? 'Disable' : 'Enable'} cluster ${cluster.name}`}>
            {busy === 'toggle' ? 'Saving…' : cluster.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setConfirming(true)} disabled={busy !== null} aria-label={`Delete cluster ${cluster.name}`}>
            Delete
          </Button>
        </>
      )}
      {error && (
        <p role="alert" className="w-full text-right text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
