'use client';

import { useEffect, useState } from 'react';
import { FINAL_CHANGE_STATES, routes, type TChange } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';

/** How often a change is re-read while it moves, and how long its object's page is waited for once applied. */
const POLL_MS = 700;
const OBJECT_WAIT_POLLS = 20;

/** Whether there is still something to wait for: a state change, or the synced object's id after an apply. */
export function stillMoving(change: TChange, pollsSinceFinal: number): boolean {
  if (!FINAL_CHANGE_STATES.includes(change.state)) return true;
  return change.state === 'applied' && change.operation === 'apply' && !change.result?.objectId && pollsSinceFinal < OBJECT_WAIT_POLLS;
}

/**
 * A change followed live: re-read (`getChange`) until it reaches a final state, then a little
 * longer until the sync has stored its object (`result.objectId`), so the page can link to it.
 */
export function useFollowedChange(initial: TChange) {
  const [change, setChange] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [afterFinal, setAfterFinal] = useState(0);
  // A new change (e.g. after "make another change", or a revert's own page) starts over.
  const [followed, setFollowed] = useState(initial.id);
  if (followed !== initial.id) {
    setFollowed(initial.id);
    setChange(initial);
    setAfterFinal(0);
  }
  const moving = stillMoving(change, afterFinal);

  useEffect(() => {
    if (!moving) return;
    const reread = async () => {
      const res = await apiCall(routes.getChange, { params: { id: change.id } });
      if (!res.ok) {
        setError(res.problem.title);
        setAfterFinal((n) => n + 1);
        return;
      }
      setError(null);
      if (FINAL_CHANGE_STATES.includes(res.data.state)) setAfterFinal((n) => n + 1);
      setChange(res.data);
    };
    const timer = window.setTimeout(() => void reread(), POLL_MS);
    return () => window.clearTimeout(timer);
  }, [moving, change, afterFinal]);

  return { change, setChange, moving, error };
}
