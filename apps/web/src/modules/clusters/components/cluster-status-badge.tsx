import type { TCluster } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { statusTone } from '../lib/cluster-status';

export function ClusterStatusBadge({ cluster }: { cluster: Pick<TCluster, 'status' | 'enabled'> }) {
  if (!cluster.enabled) return <Badge>disabled</Badge>;
  return (
    <span data-testid="cluster-status">
      <Badge tone={statusTone[cluster.status]}>{cluster.status}</Badge>
    </span>
  );
}
