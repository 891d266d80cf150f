import { Badge } from '@/modules/ui/components/badge';

/** `key=value` badges (labels, selectors), or `empty` in words when there are none. */
export function LabelList({ labels, empty, className = 'flex flex-wrap gap-1' }: { labels: Record<string, string>; empty: React.ReactNode; className?: string }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <>{empty}</>;
  return (
    <ul className={className}>
      {entries.map(([k, v]) => (
        <li key={k}>
          <Badge>
            <span className="font-mono break-all">
              {k}={v}
            </span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
