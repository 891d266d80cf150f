'use client';

import { useEffect, useState } from 'react';
import { HTTP_METHODS, HTTP_PATH_MATCH_TYPES, routes, type TIngressOptions } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import { type ChangeForm, useChangeForm } from '../lib/use-change-form';
import {
  emptyBackend,
  emptyHttpRouteValues,
  emptyMatch,
  emptyRouteRule,
  type FilterKind,
  type HttpRouteValues,
  httpRouteFieldNames,
  httpRouteRequestOf,
  httpRouteTextProblems,
  type RouteRuleRow,
  splitWeights,
  trafficShares,
} from '../lib/httproute-values';
import { ChangeField, NamespaceAndNameFields } from './change-field';
import { ChangeFormFooter } from './change-form-footer';
import { CompanionChanges } from './companion-changes';
import { RouteStatusFollow } from './route-status';

/** A Gateway the route may attach to, with its listeners (from the synced copy). */
export interface GatewayChoice {
  namespace: string;
  name: string;
  listeners: { name: string; protocol: string | null; port: number | null; hostname: string | null }[];
}

/** The namespace's Services and their ports, for the backend pickers. */
function useServices(clusterId: string, namespace: string): TIngressOptions['services'] {
  const [services, setServices] = useState<TIngressOptions['services']>([]);
  useEffect(() => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) return;
    let live = true;
    void apiCall(routes.getIngressOptions, { params: { id: clusterId }, query: { namespace } }).then((res) => {
      if (live && res.ok) setServices(res.data.services);
    });
    return () => {
      live = false;
    };
  }, [clusterId, namespace]);
  return services;
}

const FILTERS: [FilterKind, string][] = [
  ['none', 'No filter'],
  ['RequestRedirect', 'Redirect'],
  ['URLRewrite', 'Rewrite URL'],
  ['RequestHeaderModifier', 'Set request headers'],
  ['ResponseHeaderModifier', 'Set response headers'],
];

/**
 * Create an HTTPRoute, or edit one (`initial` from its synced copy): parent Gateways and
 * listeners, hostnames, rules with matches, one filter and weighted backends (a split control
 * for canaries). Preview → submit → follow, then the route's status per parent in words.
 */
export function HttpRouteForm({
  clusterId,
  csrfToken,
  namespace,
  gateways,
  initial,
  canSubmit,
}: {
  clusterId: string;
  csrfToken?: string;
  namespace: string;
  gateways: GatewayChoice[];
  initial?: HttpRouteValues;
  canSubmit: boolean;
}) {
  const editing = !!initial;
  const [ns, setNs] = useState(namespace);
  const [values, setValues] = useState<HttpRouteValues>(() => initial ?? { ...emptyHttpRouteValues(), parents: [{ gateway: gateways[0] ? gatewayRef(gateways[0], namespace) : '', sectionName: '' }] });
  const set = (patch: Partial<HttpRouteValues>) => setValues((v) => ({ ...v, ...patch }));
  const services = useServices(clusterId, ns);
  const change = httpRouteRequestOf(values, ns);
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: httpRouteFieldNames(values), check: () => httpRouteTextProblems(values) });
  const setRule = (i: number, rule: RouteRuleRow) => set({ rules: values.rules.map((r, j) => (j === i ? rule : r)) });

  return (
    <>
      <form {...cf.formProps} aria-label={editing ? `Edit HTTPRoute ${values.name}` : 'New HTTPRoute'} className="space-y-6">
        <fieldset disabled={cf.stage === 'submitted'} className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5">
          <div className="grid gap-4 sm:grid-cols-3">
            <NamespaceAndNameFields cf={cf} editing={editing} namespace={ns} onNamespace={setNs} name={values.name} onName={(name) => set({ name })} />
            <ChangeField cf={cf} name="change.hostnames" label="Hostnames" optional hint="Comma separated, e.g. shop.example.com, *.example.com; empty: the listeners’ hosts.">
              {(props) => <input {...props} autoComplete="off" value={values.hostnames} onChange={(e) => set({ hostnames: e.target.value })} />}
            </ChangeField>
          </div>

          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-zinc-900">Gateways</legend>
            {values.parents.map((p, i) => {
              const gw = gateways.find((g) => gatewayRef(g, ns) === p.gateway.trim());
              const setParent = (patch: Partial<typeof p>) => set({ parents: values.parents.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div key={i} className="grid items-start gap-2 sm:grid-cols-3" data-testid={`parent-${i}`}>
                  <ChangeField cf={cf} name={`change.parentRefs.${i}.name`} label="Gateway">
                    {(props) => (
                      <select {...props} className={selectClass} value={p.gateway} onChange={(e) => setParent({ gateway: e.target.value, sectionName: '' })}>
                        <option value="">Choose a Gateway</option>
                        {gateways.map((g) => (
                          <option key={`${g.namespace}/${g.name}`} value={gatewayRef(g, ns)}>
                            {g.namespace}/{g.name}
                          </option>
                        ))}
                        {p.gateway && !gw && <option value={p.gateway}>{p.gateway}</option>}
                      </select>
                    )}
                  </ChangeField>
                  <ChangeField cf={cf} name={`change.parentRefs.${i}.sectionName`} label="Listener" optional>
                    {(props) => (
                      <select {...props} className={selectClass} value={p.sectionName} onChange={(e) => setParent({ sectionName: e.target.value })}>
                        <option value="">Every listener that accepts it</option>
                        {(gw?.listeners ?? []).map((l) => (
                          <option key={l.name} value={l.name}>
                            {l.name} — {l.protocol} {l.port} {l.hostname ?? '(any host)'}
                          </option>
                        ))}
                        {p.sectionName && !gw?.listeners.some((l) => l.name === p.sectionName) && <option value={p.sectionName}>{p.sectionName}</option>}
                      </select>
                    )}
                  </ChangeField>
                  <div className="pt-6.5">
                    {values.parents.length > 1 && (
                      <Button size="sm" variant="ghost" onClick={() => set({ parents: values.parents.filter((_, j) => j !== i) })} aria-label={`Remove Gateway ${i + 1}`}>
                        Remove
                      </Button>
                    )}
                  </div>
                </div>
              );
            })}
            <Button size="sm" onClick={() => set({ parents: [...values.parents, { gateway: '', sectionName: '' }] })}>
              Add a Gateway
            </Button>
          </fieldset>

          <datalist id="route-services">
            {services.map((s) => (
              <option key={s.name} value={s.name} />
            ))}
          </datalist>
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-zinc-900">Rules</legend>
            {values.rules.map((rule, i) => (
              <RuleEditor
                key={i}
                cf={cf}
                index={i}
                rule={rule}
                services={services}
                onChange={(r) => setRule(i, r)}
                onRemove={values.rules.length > 1 ? () => set({ rules: values.rules.filter((_, j) => j !== i) }) : undefined}
              />
            ))}
            <Button size="sm" onClick={() => set({ rules: [...values.rules, emptyRouteRule()] })}>
              Add a rule
            </Button>
          </fieldset>
        </fieldset>
        <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
        {cf.submitted && <RouteStatusFollow changeId={cf.submitted.id} />}
      </form>
      <CompanionChanges clusterId={clusterId} csrfToken={csrfToken} companions={cf.preview?.companions} canSubmit={canSubmit} />
    </>
  );
}

const gatewayRef = (g: { namespace: string; name: string }, routeNamespace: string) => (g.namespace === routeNamespace ? g.name : `${g.namespace}/${g.name}`);

function RuleEditor({
  cf,
  index: i,
  rule,
  services,
  onChange,
  onRemove,
}: {
  cf: ChangeForm;
  index: number;
  rule: RouteRuleRow;
  services: TIngressOptions['services'];
  onChange: (r: RouteRuleRow) => void;
  onRemove?: () => void;
}) {
  const setMatch = (j: number, patch: Partial<RouteRuleRow['matches'][number]>) => onChange({ ...rule, matches: rule.matches.map((m, k) => (k === j ? { ...m, ...patch } : m)) });
  const setBackend = (j: number, patch: Partial<RouteRuleRow['backends'][number]>) => onChange({ ...rule, backends: rule.backends.map((b, k) => (k === j ? { ...b, ...patch } : b)) });
  const shares = trafficShares(rule.backends);
  const f = `change.rules.${i}`;
  return (
    <div className="space-y-4 rounded-md border border-zinc-200 p-3" data-testid={`route-rule-${i}`}>
      <div className="flex items-center justify-between">
        <p className="text-sm font-medium text-zinc-800">Rule {i + 1}</p>
        {onRemove && (
          <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove rule ${i + 1}`}>
            Remove rule
          </Button>
        )}
      </div>
      {rule.matches.map((m, j) => {
        const mf = `${f}.matches.${j}`;
        return (
          <div key={j} className="grid items-start gap-2 sm:grid-cols-4" data-testid={`route-rule-${i}-match-${j}`}>
            <ChangeField cf={cf} name={`${mf}.path.type`} label="Path match">
              {(props) => (
                <select {...props} className={selectClass} value={m.pathType} onChange={(e) => setMatch(j, { pathType: e.target.value })}>
                  {HTTP_PATH_MATCH_TYPES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              )}
            </ChangeField>
            <ChangeField cf={cf} name={`${mf}.path.value`} label="Path">
              {(props) => <input {...props} value={m.path} onChange={(e) => setMatch(j, { path: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${mf}.method`} label="Method" optional>
              {(props) => (
                <select {...props} className={selectClass} value={m.method} onChange={(e) => setMatch(j, { method: e.target.value })}>
                  <option value="">Any</option>
                  {HTTP_METHODS.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </select>
              )}
            </ChangeField>
            <div className="pt-6.5">
              {rule.matches.length > 1 && (
                <Button size="sm" variant="ghost" onClick={() => onChange({ ...rule, matches: rule.matches.filter((_, k) => k !== j) })} aria-label={`Remove match ${j + 1} of rule ${i + 1}`}>
                  Remove match
                </Button>
              )}
            </div>
            <ChangeField cf={cf} name={`${mf}.headers.0.name`} label="Header" optional>
              {(props) => <input {...props} autoComplete="off" value={m.headerName} onChange={(e) => setMatch(j, { headerName: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${mf}.headers.0.value`} label="Header value" optional>
              {(props) => <input {...props} autoComplete="off" value={m.headerValue} onChange={(e) => setMatch(j, { headerValue: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${mf}.queryParams.0.name`} label="Query parameter" optional>
              {(props) => <input {...props} autoComplete="off" value={m.queryName} onChange={(e) => setMatch(j, { queryName: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${mf}.queryParams.0.value`} label="Query value" optional>
              {(props) => <input {...props} autoComplete="off" value={m.queryValue} onChange={(e) => setMatch(j, { queryValue: e.target.value })} />}
            </ChangeField>
          </div>
        );
      })}
      <Button size="sm" onClick={() => onChange({ ...rule, matches: [...rule.matches, emptyMatch()] })}>
        Add a match
      </Button>

      <div className="grid items-start gap-2 sm:grid-cols-4">
        <ChangeField cf={cf} name={`${f}.filters`} label="Filter">
          {(props) => (
            <select {...props} className={selectClass} value={rule.filter} onChange={(e) => onChange({ ...rule, filter: e.target.value as FilterKind })}>
              {FILTERS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </ChangeField>
        {rule.filter === 'RequestRedirect' && (
          <>
            <ChangeField cf={cf} name={`${f}.filters.0.scheme`} label="Scheme" optional>
              {(props) => (
                <select {...props} className={selectClass} value={rule.scheme} onChange={(e) => onChange({ ...rule, scheme: e.target.value })}>
                  <option value="">Same</option>
                  <option>https</option>
                  <option>http</option>
                </select>
              )}
            </ChangeField>
            <ChangeField cf={cf} name={`${f}.filters.0.hostname`} label="Hostname" optional>
              {(props) => <input {...props} value={rule.hostname} onChange={(e) => onChange({ ...rule, hostname: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${f}.filters.0.statusCode`} label="Status" optional hint="301 or 302 (default 302)">
              {(props) => <input {...props} inputMode="numeric" value={rule.statusCode} onChange={(e) => onChange({ ...rule, statusCode: e.target.value })} />}
            </ChangeField>
          </>
        )}
        {rule.filter === 'URLRewrite' && (
          <>
            <ChangeField cf={cf} name={`${f}.filters.0.hostname`} label="Host header" optional>
              {(props) => <input {...props} value={rule.hostname} onChange={(e) => onChange({ ...rule, hostname: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${f}.filters.0.path`} label="Replace the matched prefix with" optional>
              {(props) => <input {...props} value={rule.replacePrefix} onChange={(e) => onChange({ ...rule, replacePrefix: e.target.value })} />}
            </ChangeField>
          </>
        )}
        {(rule.filter === 'RequestHeaderModifier' || rule.filter === 'ResponseHeaderModifier') && (
          <ChangeField cf={cf} name={`${f}.filters.0.set`} label="Headers to set" hint="name=value, comma separated" className="sm:col-span-3">
            {(props) => <input {...props} value={rule.headers} onChange={(e) => onChange({ ...rule, headers: e.target.value })} />}
          </ChangeField>
        )}
      </div>

      {rule.filter !== 'RequestRedirect' && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800">Backends</legend>
          {rule.backends.map((b, j) => {
            const bf = `${f}.backendRefs.${j}`;
            const ports = services.find((s) => s.name === b.service.trim())?.ports ?? [];
            return (
              <div key={j} className="grid items-start gap-2 sm:grid-cols-5" data-testid={`route-rule-${i}-backend-${j}`}>
                <ChangeField cf={cf} name={`${bf}.name`} label="Service">
                  {(props) => <input {...props} list="route-services" autoComplete="off" value={b.service} onChange={(e) => setBackend(j, { service: e.target.value })} />}
                </ChangeField>
                <ChangeField cf={cf} name={`${bf}.port`} label="Port" hint={ports.length ? `Ports: ${ports.map((x) => x.port).join(', ')}` : undefined}>
                  {(props) => <input {...props} inputMode="numeric" value={b.port} onChange={(e) => setBackend(j, { port: e.target.value })} />}
                </ChangeField>
                <ChangeField cf={cf} name={`${bf}.namespace`} label="Namespace" optional hint="Another namespace needs a ReferenceGrant there.">
                  {(props) => <input {...props} value={b.namespace} onChange={(e) => setBackend(j, { namespace: e.target.value })} />}
                </ChangeField>
                <ChangeField cf={cf} name={`${bf}.weight`} label="Weight" optional hint={`${shares[j]}% of the traffic`}>
                  {(props) => <input {...props} inputMode="numeric" value={b.weight} onChange={(e) => setBackend(j, { weight: e.target.value })} />}
                </ChangeField>
                <div className="pt-6.5">
                  {rule.backends.length > 1 && (
                    <Button size="sm" variant="ghost" onClick={() => onChange({ ...rule, backends: rule.backends.filter((_, k) => k !== j) })} aria-label={`Remove backend ${j + 1} of rule ${i + 1}`}>
                      Remove
                    </Button>
                  )}
                </div>
              </div>
            );
          })}
          {rule.backends.length === 2 && (
            <div className="space-y-1">
              <label htmlFor={`split-${i}`} className="block text-sm font-medium text-zinc-800">
                Traffic split: {shares[0]}% {rule.backends[0].service || 'first'} / {shares[1]}% {rule.backends[1].service || 'second'}
              </label>
              <input
                id={`split-${i}`}
                type="range"
                min={0}
                max={100}
                step={5}
                value={Math.round(shares[1])}
                onChange={(e) => onChange({ ...rule, backends: splitWeights(rule.backends, Number(e.target.value)) })}
                className="w-full accent-accent-600"
                aria-valuetext={`${shares[1]}% to ${rule.backends[1].service || 'the second backend'}`}
              />
            </div>
          )}
          <Button size="sm" onClick={() => onChange({ ...rule, backends: [...rule.backends, emptyBackend()] })}>
            Add a backend
          </Button>
        </fieldset>
      )}
    </div>
  );
}
