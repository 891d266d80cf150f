import { CERTIFICATE_STATE_LABELS, type TCertificateLevel, type TCertificateState } from '@portico/contracts';
import { Badge, type BadgeTone } from '@/modules/ui/components/badge';

/** Red for what users already see (expired, no Secret, hosts not covered), amber for what will break, grey for hygiene. */
const TONES: Record<TCertificateState, BadgeTone> = {
  expired: 'danger',
  'secret-missing': 'danger',
  'hosts-not-covered': 'danger',
  expiring: 'warning',
  'renewal-overdue': 'warning',
  'not-ready': 'warning',
  'issuer-not-ready': 'warning',
  'chain-incomplete': 'warning',
  'intermediate-expires-first': 'neutral',
  'weak-key': 'neutral',
};

/** A certificate's states as words; a healthy one says so. */
export function StateBadges({ states }: { states: readonly TCertificateState[] }) {
  if (!states.length) return <Badge tone="success">OK</Badge>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="States">
      {states.map((s) => (
        <li key={s}>
          <Badge tone={TONES[s]}>{CERTIFICATE_STATE_LABELS[s]}</Badge>
        </li>
      ))}
    </ul>
  );
}

const LEVEL_TONES: Record<TCertificateLevel, BadgeTone> = { expired: 'danger', critical: 'danger', warning: 'warning' };

/** Days left as words, toned by the alert level (the organization's thresholds, applied by the API). */
export function DaysLeft({ daysLeft, level }: { daysLeft: number | null; level: TCertificateLevel | null }) {
  const text = daysLeft === null ? 'no certificate' : daysLeft < 0 ? `expired ${-daysLeft} d ago` : daysLeft === 0 ? 'expires today' : `${daysLeft} d`;
  return <Badge tone={level ? LEVEL_TONES[level] : daysLeft === null ? 'neutral' : 'success'}>{text}</Badge>;
}
