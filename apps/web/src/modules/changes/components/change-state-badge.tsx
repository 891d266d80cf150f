import type { TChangeState } from '@portico/contracts';
import { Badge, type BadgeTone } from '@/modules/ui/components/badge';

const TONES: Record<TChangeState, BadgeTone> = {
  awaiting_approval: 'warning',
  pending: 'neutral',
  applying: 'accent',
  applied: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  rejected: 'danger',
};

export const stateLabel = (s: TChangeState) => (s === 'awaiting_approval' ? 'awaiting approval' : s);

export function ChangeStateBadge({ state }: { state: TChangeState }) {
  return (
    <span data-testid="change-state" data-state={state}>
      <Badge tone={TONES[state]}>{stateLabel(state)}</Badge>
    </span>
  );
}
