'use client';

import { useState } from 'react';
import { Button } from './button';

/**
 * A table's "Revoke → Confirm / Cancel" state: one row at a time is asked about (asking another
 * row moves the question), and the row being revoked is busy until `revoke` settles.
 */
export function useRevokeConfirmation<T extends { id: string }>(revoke: (row: T) => Promise<void>) {
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  return {
    asking,
    busy,
    ask: (row: T) => setAsking(row.id),
    cancel: () => setAsking(null),
    async confirm(row: T) {
      setBusy(row.id);
      await revoke(row);
      setBusy(null);
      setAsking(null);
    },
  };
}

/** A row's Revoke button, or its question with Confirm and Cancel while asked. */
export function ConfirmRevoke<T extends { id: string }>({
  row,
  state,
  question,
  label,
  confirmLabel,
}: {
  row: T;
  state: ReturnType<typeof useRevokeConfirmation<T>>;
  /** Shown beside Confirm, e.g. "Revoke the link?". */
  question: string;
  /** The Revoke button's accessible name. */
  label: string;
  /** The Confirm button's accessible name. */
  confirmLabel: string;
}) {
  const busy = state.busy === row.id;
  if (state.asking !== row.id) {
    return (
      <Button size="sm" onClick={() => state.ask(row)} aria-label={label}>
        Revoke
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <span className="text-xs text-zinc-600">{question}</span>
      <Button size="sm" variant="danger" onClick={() => state.confirm(row)} disabled={busy} autoFocus aria-label={confirmLabel}>
        {busy ? 'Revoking…' : 'Confirm'}
      </Button>
      <Button size="sm" variant="ghost" onClick={state.cancel} disabled={busy}>
        Cancel
      </Button>
    </span>
  );
}
