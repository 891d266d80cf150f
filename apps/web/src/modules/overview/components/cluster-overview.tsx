import { routes } from '@portico/contracts';
import { problemMessage } from '@/modules/api/lib/problem';
import { apiGet } from '@/modules/api/lib/server-api';
import { Alert } from '@/modules/ui/components/alert';
import { OverviewPanel } from './overview-panel';

/** A cluster page's section of the overview: its own counts and problems. */
export async function ClusterOverview({ clusterId }: { clusterId: string }) {
  const res = await apiGet(routes.getOverview, { query: { cluster: clusterId } });
  if (!res.ok) {
    return (
      <Alert tone="error" title="Could not load the cluster’s overview">
        {problemMessage(res.problem)}
      </Alert>
    );
  }
  return <OverviewPanel overview={res.data} clusterId={clusterId} />;
}
