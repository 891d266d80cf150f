import { redirect } from 'next/navigation';
import { routes, type TGenericSummary } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { parseYaml } from '../lib/editable-yaml';
import { gatewayChoicesOf } from '../lib/gateway-choices';
import { gatewayListenerValuesOf } from '../lib/gateway-listener-values';
import { httpRouteValuesOf } from '../lib/httproute-values';
import { GatewayListenersForm } from './gateway-listeners-form';
import { HttpRouteForm } from './httproute-form';
import { ObjectChangeHeader } from './object-change-header';

type Item = Parameters<typeof ObjectChangeHeader>[0]['item'] & { id: string; kind: string; name: string; namespace: string; cluster: { id: string } };

/** The Gateway API editors for an existing HTTPRoute or Gateway; what a form cannot say goes to the YAML editor instead. */
export async function GatewayApiEdit({ item, yaml, csrfToken, canSubmit }: { item: Item; yaml: string; csrfToken?: string; canSubmit: boolean }) {
  const obj = parseYaml(yaml) as Parameters<typeof httpRouteValuesOf>[0] & Parameters<typeof gatewayListenerValuesOf>[0];
  if (item.kind === 'Gateway') {
    const values = gatewayListenerValuesOf(obj);
    if (!values) redirect(`/objects/${item.id}/yaml`);
    return (
      <>
        <ObjectChangeHeader title={`Listeners of ${item.name}`} item={item} />
        <GatewayListenersForm clusterId={item.cluster.id} csrfToken={csrfToken} namespace={item.namespace} initial={values} canSubmit={canSubmit} />
      </>
    );
  }
  const values = httpRouteValuesOf(obj);
  if (!values) redirect(`/objects/${item.id}/yaml`);
  const gateways = await apiGet(routes.listGateways, { query: { cluster: item.cluster.id, limit: 100 } });
  return (
    <>
      <ObjectChangeHeader title={`Edit ${item.name}`} item={item} />
      <HttpRouteForm
        clusterId={item.cluster.id}
        csrfToken={csrfToken}
        namespace={item.namespace}
        gateways={gateways.ok ? gatewayChoicesOf((gateways.data as { items: TGenericSummary[] }).items) : []}
        initial={values}
        canSubmit={canSubmit}
      />
    </>
  );
}
