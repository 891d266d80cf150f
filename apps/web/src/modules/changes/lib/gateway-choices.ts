import type { GatewayChoice } from '../components/httproute-form';

type Listener = GatewayChoice['listeners'][number];

/** Gateways of the inventory list (`details.listeners`) as the HTTPRoute form's choices. */
export function gatewayChoicesOf(items: { namespace: string; name: string; details: Record<string, unknown> }[]): GatewayChoice[] {
  return items.map((g) => ({
    namespace: g.namespace,
    name: g.name,
    listeners: (Array.isArray(g.details.listeners) ? (g.details.listeners as Partial<Listener>[]) : [])
      .filter((l) => typeof l.name === 'string')
      .map((l) => ({ name: l.name!, protocol: l.protocol ?? null, port: l.port ?? null, hostname: l.hostname ?? null })),
  }));
}
