/**
 * What the Gateway API editors' preview warns about, read live from the cluster (the objects a
 * route attaches to and sends traffic to decide whether it works, and a copy minutes old would
 * not): a parent Gateway or listener that does not exist; listeners whose `allowedRoutes`
 * refuse the route; hostnames no listener matches; backend Services or ports that do not exist;
 * references across namespaces that no ReferenceGrant permits (with the ReferenceGrant to create
 * as a companion change); the same host+path already served by an Ingress or by another route
 * on the same Gateway.
 * These rules are written apart from the simulator's on purpose (it must not share our mistakes).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
import type { TChangeRequest, TChangeWarning } from '@portico/contracts';
import { type Dict, dictOf, isDict, listOf, metadataOf, stringMap, stringOr } from '../kinds/common.js';
import { GATEWAY_ISSUER_ANNOTATIONS, backendGrantRequest } from '../kinds/httproute-build.js';
import { grantPermits } from '../kinds/reference-grant.js';
import { GATEWAY_API_GROUP } from '../resources.js';
import type { ChangeClient } from './change-client.js';
import { type IssuerRef, issuerWarning } from './issuer-warning.js';
import { pathOf } from './paths.js';
import type { ChangePlan } from './plan.js';

export interface GatewayPreviewExtras {
  warnings: TChangeWarning[];
  /** Changes to make beside this one (a ReferenceGrant where a reference crosses namespaces). */
  companions: TChangeRequest[];
}

const LIMIT = 500;
/** The host+path check reads every Ingress and HTTPRoute of the cluster, up to 10 pages (5,000 of each): one preview's worth. */
const CONFLICT_PAGES = 10;
const warning = (code: TChangeWarning['code'], message: string, field: string | null): TChangeWarning => ({ code, message, field });
const GW = (namespace: string, plural: string, name?: string, version = 'v1') => pathOf({ apiVersion: `${GATEWAY_API_GROUP}/${version}`, plural, namespace, ...(name ? { name } : {}) });

/**
 * Gateway API hostname intersection: an empty side matches every host; `*.example.com` matches
 * any name under example.com (one label or more); two wildcards meet when one suffix holds the other.
 */
export function hostnamesMeet(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return true;
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (!wa && !wb) return a === b;
  if (wa && !wb) return b.endsWith(a.slice(1));
  if (!wa && wb) return a.endsWith(b.slice(1));
  return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
}

/** Does the listener's `allowedRoutes` take an HTTPRoute from `routeNamespace`? (`namespaceLabels` is read only for a Selector.) */
async function listenerAdmits(listener: Dict, gatewayNamespace: string, routeNamespace: string, namespaceLabels: () => Promise<Record<string, string>>): Promise<boolean> {
  const kinds = listOf(dictOf(listener.allowedRoutes).kinds).map(dictOf);
  const protocol = stringOr(listener.protocol, '');
  const takesRoutes = kinds.length ? kinds.some((k) => stringOr(k.group, GATEWAY_API_GROUP) === GATEWAY_API_GROUP && k.kind === 'HTTPRoute') : protocol === 'HTTP' || protocol === 'HTTPS';
  if (!takesRoutes) return false;
  const namespaces = dictOf(dictOf(listener.allowedRoutes).namespaces);
  const from = stringOr(namespaces.from, 'Same');
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  if (from !== 'Selector') return false;
  const selector = dictOf(namespaces.selector);
  const labels = await namespaceLabels();
  const wanted = stringMap(selector.matchLabels);
  const expressionsHold = listOf(selector.matchExpressions)
    .map(dictOf)
    .every((e) => {
      const key = stringOr(e.key, '');
      const values = listOf(e.values).filter((v): v is string => typeof v === 'string');
      const has = Object.hasOwn(labels, key);
      if (e.operator === 'In') return has && values.includes(labels[key]);
      if (e.operator === 'NotIn') return !has || !values.includes(labels[key]);
      if (e.operator === 'Exists') return has;
      if (e.operator === 'DoesNotExist') return !has;
      return false;
    });
  return Object.entries(wanted).every(([k, v]) => labels[k] === v) && expressionsHold;
}

/** Is there a ReferenceGrant in `namespace` letting `from` refer to `to`? */
async function granted(client: ChangeClient, namespace: string, from: { kind: string; namespace: string }, to: { kind: string; name: string }): Promise<boolean> {
  const grants = await client.list(`${GW(namespace, 'referencegrants', undefined, 'v1beta1')}?limit=${LIMIT}`);
  return grants.some((g) => grantPermits(g, { group: GATEWAY_API_GROUP, ...from }, { group: '', ...to }));
}

/** `Prefix /a` or `Exact /a`, whatever the API calls them (an Ingress's ImplementationSpecific reads as a prefix, as ingress-nginx does). */
const pathKey = (type: string, value: string) => `${type === 'Exact' ? 'Exact' : 'Prefix'} ${value}`;

/** The (host, path) pairs a route serves; a route without hostnames serves every host (''). Matches on headers, query or method only narrow, so they are left out. */
function routeHostPaths(spec: Dict): { host: string; path: string }[] {
  const hosts = listOf(spec.hostnames).filter((h): h is string => typeof h === 'string');
  const paths = listOf(spec.rules).flatMap((r) => {
    const matches = listOf(dictOf(r).matches).map(dictOf);
    return (matches.length ? matches : [{}]).map((m) => {
      const p = dictOf(m.path);
      return pathKey(stringOr(p.type, 'PathPrefix'), stringOr(p.value, '/'));
    });
  });
  return (hosts.length ? hosts : ['']).flatMap((host) => [...new Set(paths)].map((path) => ({ host, path })));
}

function ingressHostPaths(ingress: Dict): { host: string; path: string }[] {
  return listOf(dictOf(ingress.spec).rules).flatMap((rule) => {
    const r = dictOf(rule);
    const host = stringOr(r.host, '');
    return listOf(dictOf(r.http).paths).map((p) => ({ host, path: pathKey(stringOr(dictOf(p).pathType, 'Prefix'), stringOr(dictOf(p).path, '/')) }));
  });
}

async function routeWarnings(client: ChangeClient, plan: ChangePlan): Promise<GatewayPreviewExtras> {
  const out: GatewayPreviewExtras = { warnings: [], companions: [] };
  const route = plan.manifest!;
  const spec = dictOf(route.spec);
  const ns = plan.target.namespace;
  const hostnames = listOf(spec.hostnames).filter((h): h is string => typeof h === 'string');
  let labels: Record<string, string> | undefined;
  const namespaceLabels = async () => (labels ??= stringMap(metadataOf(await client.get(pathOf({ apiVersion: 'v1', plural: 'namespaces', namespace: '', name: ns }))).labels));
  const parents: string[] = [];

  for (const [i, ref] of listOf(spec.parentRefs).map(dictOf).entries()) {
    const gwNs = stringOr(ref.namespace, ns);
    const name = stringOr(ref.name, '');
    const gw = await client.get(GW(gwNs, 'gateways', name));
    if (!gw) {
      out.warnings.push(warning('parent_missing', `there is no Gateway ${gwNs}/${name}: the route will not be accepted`, `change.parentRefs.${i}.name`));
      continue;
    }
    parents.push(`${gwNs}/${name}`);
    let listeners = listOf(dictOf(gw.spec).listeners).map(dictOf);
    if (typeof ref.sectionName === 'string') {
      listeners = listeners.filter((l) => l.name === ref.sectionName);
      if (!listeners.length) {
        out.warnings.push(warning('parent_missing', `Gateway ${gwNs}/${name} has no listener named ${ref.sectionName}`, `change.parentRefs.${i}.sectionName`));
        continue;
      }
    }
    if (typeof ref.port === 'number') listeners = listeners.filter((l) => l.port === ref.port);
    const admitting: Dict[] = [];
    for (const l of listeners) if (await listenerAdmits(l, gwNs, ns, namespaceLabels)) admitting.push(l);
    if (!admitting.length) {
      const names = listeners.map((l) => stringOr(l.name, '?')).join(', ');
      out.warnings.push(warning('listener_refuses_route', `no listener of Gateway ${gwNs}/${name} (${names}) allows HTTPRoutes from namespace ${ns} (allowedRoutes)`, `change.parentRefs.${i}`));
      continue;
    }
    if (hostnames.length && !admitting.some((l) => hostnames.some((h) => hostnamesMeet(stringOr(l.hostname, null), h)))) {
      const theirs = admitting.map((l) => `${stringOr(l.name, '?')} ${stringOr(l.hostname, '(any host)')}`).join(', ');
      out.warnings.push(
        warning(
          'hostname_matches_no_listener',
          `no listener hostname of Gateway ${gwNs}/${name} matches ${hostnames.join(', ')} (listeners: ${theirs}): the route will not be accepted`,
          'change.hostnames',
        ),
      );
    }
  }

  for (const [r, rule] of listOf(spec.rules).map(dictOf).entries()) {
    for (const [j, ref] of listOf(rule.backendRefs).map(dictOf).entries()) {
      const name = stringOr(ref.name, '');
      const svcNs = stringOr(ref.namespace, ns);
      const field = `change.rules.${r}.backendRefs.${j}`;
      if (svcNs !== ns && !(await granted(client, svcNs, { kind: 'HTTPRoute', namespace: ns }, { kind: 'Service', name }))) {
        out.warnings.push(
          warning(
            'reference_not_permitted',
            `no ReferenceGrant in namespace ${svcNs} lets HTTPRoutes of ${ns} send traffic to Service ${name}: create the ReferenceGrant offered with this preview`,
            `${field}.namespace`,
          ),
        );
        out.companions.push(backendGrantRequest(ns, svcNs, name));
      }
      const svc = await client.get(pathOf({ apiVersion: 'v1', plural: 'services', namespace: svcNs, name }));
      if (!svc) out.warnings.push(warning('backend_missing', `there is no Service ${svcNs}/${name}: requests routed to it get a 500`, `${field}.name`));
      else if (!listOf(dictOf(svc.spec).ports).some((p) => dictOf(p).port === ref.port))
        out.warnings.push(
          warning(
            'backend_missing',
            `Service ${svcNs}/${name} has no port ${String(ref.port)} (it has ${listOf(dictOf(svc.spec).ports)
              .map((p) => String(dictOf(p).port))
              .join(', ')})`,
            `${field}.port`,
          ),
        );
    }
  }

  const mine = routeHostPaths(spec);
  const same = (a: { host: string; path: string }) => mine.find((m) => m.host === a.host && m.path === a.path);
  const [ingresses, routes] = await Promise.all([
    client.list(`${pathOf({ apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespace: '' })}?limit=${LIMIT}`, { pages: CONFLICT_PAGES }),
    client.list(`${GW('', 'httproutes')}?limit=${LIMIT}`, { pages: CONFLICT_PAGES }),
  ]);
  for (const ing of ingresses) {
    const hit = ingressHostPaths(ing).find(same);
    if (hit)
      out.warnings.push(
        warning('host_path_taken', `${hit.host || '(any host)'} ${hit.path} is already served by Ingress ${String(metadataOf(ing).namespace)}/${String(metadataOf(ing).name)}`, 'change.hostnames'),
      );
  }
  for (const other of routes) {
    const meta = metadataOf(other);
    if (meta.namespace === ns && meta.name === plan.target.name) continue;
    const otherSpec = dictOf(other.spec);
    const shared = listOf(otherSpec.parentRefs).some((p) => parents.includes(`${stringOr(dictOf(p).namespace, String(meta.namespace))}/${stringOr(dictOf(p).name, '')}`));
    const hit = shared ? routeHostPaths(otherSpec).find(same) : undefined;
    if (hit)
      out.warnings.push(
        warning(
          'host_path_taken',
          `${hit.host || '(any host)'} ${hit.path} is already served by HTTPRoute ${String(meta.namespace)}/${String(meta.name)} on the same Gateway (the older route wins)`,
          'change.hostnames',
        ),
      );
  }
  return out;
}

/** The issuer cert-manager's gateway-shim reads from the Gateway's annotations (the editor sets one of the two). */
function gatewayIssuer(gw: Dict, namespace: string): IssuerRef | null {
  const annotations = stringMap(metadataOf(gw).annotations);
  if (annotations[GATEWAY_ISSUER_ANNOTATIONS.Issuer]) return { kind: 'Issuer', name: annotations[GATEWAY_ISSUER_ANNOTATIONS.Issuer], namespace };
  if (annotations[GATEWAY_ISSUER_ANNOTATIONS.ClusterIssuer]) return { kind: 'ClusterIssuer', name: annotations[GATEWAY_ISSUER_ANNOTATIONS.ClusterIssuer], namespace };
  return null;
}

async function listenerWarnings(client: ChangeClient, plan: ChangePlan): Promise<GatewayPreviewExtras> {
  const out: GatewayPreviewExtras = { warnings: [], companions: [] };
  const gw = plan.manifest!;
  const ns = plan.target.namespace;
  const issuer = gatewayIssuer(gw, ns);
  const issued = issuer !== null;
  if (issuer) {
    const path =
      issuer.kind === 'Issuer'
        ? pathOf({ apiVersion: 'cert-manager.io/v1', plural: 'issuers', namespace: ns, name: issuer.name })
        : pathOf({ apiVersion: 'cert-manager.io/v1', plural: 'clusterissuers', namespace: '', name: issuer.name });
    const notReady = issuerWarning(issuer, (await client.get(path)) ?? null, 'change.certManager.issuer');
    if (notReady) out.warnings.push(notReady);
  }
  for (const [i, l] of listOf(dictOf(gw.spec).listeners).map(dictOf).entries()) {
    for (const ref of listOf(dictOf(l.tls).certificateRefs).filter(isDict)) {
      const name = stringOr(ref.name, '');
      const secretNs = stringOr(ref.namespace, ns);
      if (secretNs !== ns && !(await granted(client, secretNs, { kind: 'Gateway', namespace: ns }, { kind: 'Secret', name }))) {
        out.warnings.push(warning('reference_not_permitted', `no ReferenceGrant in namespace ${secretNs} lets Gateways of ${ns} use Secret ${name}`, `change.listeners.${i}.certificateRefs`));
        out.companions.push({
          type: 'referenceGrant',
          namespace: secretNs,
          name: `gateways-from-${ns}-to-${name}`.slice(0, 253),
          from: [{ group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: ns }],
          to: [{ group: '', kind: 'Secret', name }],
        });
      }
      // cert-manager writes the Secret after the apply: only a Secret nobody will issue is missing.
      if (!issued && secretNs === ns && !(await client.get(pathOf({ apiVersion: 'v1', plural: 'secrets', namespace: ns, name }))))
        out.warnings.push(warning('backend_missing', `there is no Secret ${ns}/${name}: listener ${stringOr(l.name, '?')} cannot serve TLS until it exists`, `change.listeners.${i}.certificateRefs`));
    }
  }
  return out;
}

/** The Gateway API warnings and companion changes for a planned apply (none for other kinds). */
export async function gatewayPreviewExtras(client: ChangeClient, plan: ChangePlan): Promise<GatewayPreviewExtras> {
  if (plan.operation !== 'apply' || !plan.manifest) return { warnings: [], companions: [] };
  if (plan.target.kind === 'HTTPRoute') return routeWarnings(client, plan);
  if (plan.target.kind === 'Gateway') return listenerWarnings(client, plan);
  return { warnings: [], companions: [] };
}
