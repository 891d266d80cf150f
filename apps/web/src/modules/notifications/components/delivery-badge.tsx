import type { TOutboxSummary } from '@portico/contracts';
import { Badge, type BadgeTone } from '@/modules/ui/components/badge';

const LOOK: Record<TOutboxSummary['state'], { tone: BadgeTone; label: string }> = {
  pending: { tone: 'neutral', label: 'Waiting' },
  sending: { tone: 'accent', label: 'Sending' },
  sent: { tone: 'success', label: 'Sent' },
  failed: { tone: 'danger', label: 'Failed' },
};

/** A delivery state in words (the outbox filter's options too). */
export const deliveryLabel = (state: TOutboxSummary['state']) => LOOK[state].label;

/** An outbox message's delivery state in words; a retried one says how many attempts it took. */
export function DeliveryBadge({ state, attempts }: { state: TOutboxSummary['state']; attempts: number }) {
  const look = LOOK[state];
  return <Badge tone={look.tone}>{attempts > 1 || (state === 'pending' && attempts > 0) ? `${look.label} (${attempts} attempts)` : look.label}</Badge>;
}
