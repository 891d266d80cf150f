/**
 * Traffic equivalence: for each host, path and path type of the Ingresses, a few requests
 * (the path itself, a deeper path, and for ImplementationSpecific a string-prefix neighbour
 * like `/foox`) are routed by the model of ingress-nginx and by the model of the produced
 * Gateway API objects. Each row says where they went before and after: equal, changed (reached
 * somewhere else) or lost (reached nothing after).
 */
import type { V1Ingress } from '@kubernetes/client-node';
import { ingressDefaultBackend, ingressRules, ingressTls } from '../kinds/ingress.js';
import { metadataOf } from '../kinds/common.js';
import { byAge, type ConversionResult, type ServicePorts } from './convert.js';
import { GatewayModel, NO_LISTENER } from './gateway-model.js';
import { readNginxBehaviour } from './nginx-annotations.js';
import { NginxModel } from './nginx-model.js';
import { STRIP_PREFIX_PATH } from './paths.js';
import { NOT_FOUND, type Probe } from './probe.js';

export type Verdict = 'equal' | 'changed' | 'lost';

export interface EquivalenceRow {
  ingress: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
  pathType: string;
  verdict: Verdict;
  probes: { request: string; before: string; after: string }[];
}

/** The host a request for this rule host carries: any host for a rule without one, a label under a wildcard. */
export const probeHost = (host: string) => (host === '' ? 'unlisted.example' : host.replace(/^\*\./, 'a.'));

/** A request path a simple regular-expression path matches (`/u/(\\d+)/(.*)` → `/u/1/x`), so that its row says something. */
const sampleOf = (regex: string) =>
  regex
    .replace(/\(\/\|\$\)/g, '/')
    .replace(/\\d[+*]?|\[0-9\][+*]?/g, '1')
    .replace(/\.[*+]|\[\^\/\][+*]/g, 'x')
    .replace(/[()^$?]/g, '')
    .replace(/\\(.)/g, '$1');

function probePaths(path: string, pathType: string): string[] {
  const base = STRIP_PREFIX_PATH.exec(path)?.[1] || sampleOf(path);
  const deeper = base.endsWith('/') ? `${base}sub` : `${base}/sub`;
  if (pathType === 'Exact') return [base];
  if (pathType === 'Prefix') return [base, deeper];
  return base.endsWith('/') ? [base, deeper] : [base, deeper, `${base}x`];
}

function verdictOf(probes: EquivalenceRow['probes']): Verdict {
  if (probes.every((p) => p.before === p.after)) return 'equal';
  const lost = (s: string) => s === NOT_FOUND || s === NO_LISTENER;
  return lost(probes[0].after) && !lost(probes[0].before) ? 'lost' : 'changed';
}

export function trafficEquivalence(unsorted: V1Ingress[], services: ServicePorts[], result: ConversionResult): EquivalenceRow[] {
  const ingresses = [...unsorted].sort(byAge);
  const before = new NginxModel(ingresses, services);
  const after = new GatewayModel(result.gateway, result.httpRoutes);
  const tlsHosts = new Set(ingresses.flatMap((i) => ingressTls(i).flatMap((t) => (t.secretName ? t.hosts : []))));
  const rows: EquivalenceRow[] = [];
  const row = (ingress: string, host: string, path: string, pathType: string, paths: string[]) => {
    for (const scheme of tlsHosts.has(host) ? (['http', 'https'] as const) : (['http'] as const)) {
      const probes = paths.map((p) => {
        const req: Probe = { scheme, host: probeHost(host), path: p };
        return { request: `${scheme}://${req.host}${p}`, before: before.route(req), after: after.route(req) };
      });
      rows.push({ ingress, scheme, host, path, pathType, verdict: verdictOf(probes), probes });
    }
  };
  for (const ing of ingresses) {
    const name = String(metadataOf(ing).name);
    const rules = ingressRules(ing);
    for (const rule of rules)
      for (const p of rule.paths) row(name, rule.host ?? '', p.path ?? '/', p.pathType ?? 'ImplementationSpecific', probePaths(p.path ?? '/', p.pathType ?? 'ImplementationSpecific'));
    const appRoot = readNginxBehaviour(ing).appRoot;
    if (appRoot) for (const host of new Set(rules.map((r) => r.host ?? ''))) row(name, host, '/', 'app-root', ['/']);
    if (ingressDefaultBackend(ing)) {
      for (const host of new Set(rules.map((r) => r.host ?? ''))) row(name, host, '(unmatched)', 'default backend', ['/no-rule-matches-this']);
      row(name, '', '(any host)', 'default backend', ['/']);
    }
  }
  return rows;
}
