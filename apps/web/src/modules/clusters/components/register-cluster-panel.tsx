'use client';

import { useState } from 'react';
import type { TCluster } from '@portico/contracts';
import { Button } from '@/modules/ui/components/button';
import { Icon } from '@/modules/ui/components/icons';
import { RegisterClusterForm } from './register-cluster-form';

/** The admin's "Register cluster" button and the form it opens; open from the start when there are no clusters. */
export function RegisterClusterPanel({ csrfToken, startOpen }: { csrfToken?: string; startOpen: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const [registered, setRegistered] = useState<TCluster | null>(null);

  return (
    <div className="space-y-4">
      <div aria-live="polite">
        {registered && !open && (
          <p role="status" className="text-sm text-emerald-700">
            Cluster “{registered.name}” registered. The worker is running its initial sync; this page follows the progress.
          </p>
        )}
      </div>
      {open ? (
        <div className="rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-xs">
          <RegisterClusterForm
            csrfToken={csrfToken}
            onDone={(c) => {
              setRegistered(c);
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          />
        </div>
      ) : (
        <Button
          variant="primary"
          onClick={() => {
            setRegistered(null);
            setOpen(true);
          }}
        >
          <Icon name="plus" />
          Register cluster
        </Button>
      )}
    </div>
  );
}
