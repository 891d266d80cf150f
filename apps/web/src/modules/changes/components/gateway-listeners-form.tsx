'use client';

import { useEffect, useState } from 'react';
import { routes, type TIngressOptions } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import { useChangeForm } from '../lib/use-change-form';
import { emptyListener, gatewayListenerFieldNames, gatewayListenersRequestOf, gatewayListenerTextProblems, type GatewayListenerValues, type ListenerRow } from '../lib/gateway-listener-values';
import { ChangeField } from './change-field';
import { ChangeFormFooter } from './change-form-footer';
import { CompanionChanges } from './companion-changes';

/** The namespace's Issuers and the ClusterIssuers, with their Ready state, for cert-manager TLS. */
function useIssuers(clusterId: string, namespace: string): TIngressOptions['issuers'] {
  const [issuers, setIssuers] = useState<TIngressOptions['issuers']>([]);
  useEffect(() => {
    let live = true;
    void apiCall(routes.getIngressOptions, { params: { id: clusterId }, query: { namespace } }).then((res) => {
      if (live && res.ok) setIssuers(res.data.issuers);
    });
    return () => {
      live = false;
    };
  }, [clusterId, namespace]);
  return issuers;
}

/**
 * Edit a Gateway's listeners (or create a Gateway): HTTP and HTTPS listeners, their hostnames,
 * TLS from a Secret or from cert-manager (the Gateway's issuer annotation: cert-manager issues
 * each HTTPS listener's certificate into the Secret it names), and allowedRoutes.
 */
export function GatewayListenersForm({
  clusterId,
  csrfToken,
  namespace,
  initial,
  canSubmit,
}: {
  clusterId: string;
  csrfToken?: string;
  namespace: string;
  initial: GatewayListenerValues;
  canSubmit: boolean;
}) {
  const [values, setValues] = useState<GatewayListenerValues>(initial);
  const set = (patch: Partial<GatewayListenerValues>) => setValues((v) => ({ ...v, ...patch }));
  const issuers = useIssuers(clusterId, namespace);
  const change = gatewayListenersRequestOf(values, namespace);
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: gatewayListenerFieldNames(values), check: () => gatewayListenerTextProblems(values) });
  const setListener = (i: number, patch: Partial<ListenerRow>) => set({ listeners: values.listeners.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  return (
    <>
      <form {...cf.formProps} aria-label={`Listeners of Gateway ${values.name}`} className="space-y-6">
        <fieldset disabled={cf.stage === 'submitted'} className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5">
          <div className="grid gap-4 sm:grid-cols-2">
            <ChangeField cf={cf} name="change.certManager" label="TLS from cert-manager" optional hint="cert-manager issues each HTTPS listener’s certificate into the Secret it names, and renews it.">
              {(props) => (
                <select {...props} className={selectClass} value={values.issuer} onChange={(e) => set({ issuer: e.target.value })}>
                  <option value="">No: the Secrets exist already</option>
                  {issuers.map((i) => (
                    <option key={`${i.kind}/${i.name}`} value={`${i.kind}/${i.name}`}>
                      {i.kind} {i.name} — {i.ready === true ? 'Ready' : i.ready === false ? 'not Ready' : 'no Ready condition yet'}
                    </option>
                  ))}
                  {values.issuer && !issuers.some((i) => `${i.kind}/${i.name}` === values.issuer) && <option value={values.issuer}>{values.issuer.replace('/', ' ')}</option>}
                </select>
              )}
            </ChangeField>
            <ChangeField cf={cf} name="change.gatewayClassName" label="GatewayClass">
              {(props) => <input {...props} readOnly value={values.gatewayClassName} />}
            </ChangeField>
          </div>
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-zinc-900">Listeners</legend>
            {values.listeners.map((l, i) => {
              const f = `change.listeners.${i}`;
              return (
                <div key={i} className="grid items-start gap-2 rounded-md border border-zinc-200 p-3 sm:grid-cols-4" data-testid={`listener-${i}`}>
                  <ChangeField cf={cf} name={`${f}.name`} label="Name">
                    {(props) => <input {...props} autoComplete="off" value={l.name} onChange={(e) => setListener(i, { name: e.target.value })} />}
                  </ChangeField>
                  <ChangeField cf={cf} name={`${f}.protocol`} label="Protocol">
                    {(props) => (
                      <select
                        {...props}
                        className={selectClass}
                        value={l.protocol}
                        onChange={(e) => setListener(i, { protocol: e.target.value as ListenerRow['protocol'], port: e.target.value === 'HTTPS' ? '443' : '80' })}
                      >
                        <option>HTTP</option>
                        <option>HTTPS</option>
                      </select>
                    )}
                  </ChangeField>
                  <ChangeField cf={cf} name={`${f}.port`} label="Port">
                    {(props) => <input {...props} inputMode="numeric" value={l.port} onChange={(e) => setListener(i, { port: e.target.value })} />}
                  </ChangeField>
                  <ChangeField cf={cf} name={`${f}.hostname`} label="Hostname" optional hint="e.g. shop.example.com or *.example.com">
                    {(props) => <input {...props} autoComplete="off" value={l.hostname} onChange={(e) => setListener(i, { hostname: e.target.value })} />}
                  </ChangeField>
                  {l.protocol === 'HTTPS' && (
                    <ChangeField
                      cf={cf}
                      name={`${f}.certificateRefs`}
                      label="TLS Secret"
                      hint={values.issuer ? 'cert-manager writes it.' : 'A kubernetes.io/tls Secret (namespace/name for another namespace).'}
                    >
                      {(props) => <input {...props} autoComplete="off" value={l.secret} onChange={(e) => setListener(i, { secret: e.target.value })} />}
                    </ChangeField>
                  )}
                  <ChangeField cf={cf} name={`${f}.allowedRoutes.from`} label="Routes from">
                    {(props) => (
                      <select {...props} className={selectClass} value={l.from} onChange={(e) => setListener(i, { from: e.target.value as ListenerRow['from'] })}>
                        <option value="Same">This namespace</option>
                        <option value="All">Every namespace</option>
                        <option value="Selector">Namespaces with labels</option>
                      </select>
                    )}
                  </ChangeField>
                  {l.from === 'Selector' && (
                    <ChangeField cf={cf} name={`${f}.allowedRoutes.selector`} label="Namespace labels" hint="key=value pairs">
                      {(props) => <input {...props} value={l.selector} onChange={(e) => setListener(i, { selector: e.target.value })} />}
                    </ChangeField>
                  )}
                  <div className="pt-6.5">
                    {values.listeners.length > 1 && (
                      <Button size="sm" variant="ghost" onClick={() => set({ listeners: values.listeners.filter((_, j) => j !== i) })} aria-label={`Remove listener ${i + 1}`}>
                        Remove
                      </Button>
                    )}
                  </div>
                </div>
              );
            })}
            <Button size="sm" onClick={() => set({ listeners: [...values.listeners, emptyListener()] })}>
              Add a listener
            </Button>
          </fieldset>
        </fieldset>
        <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
      </form>
      <CompanionChanges clusterId={clusterId} csrfToken={csrfToken} companions={cf.preview?.companions} canSubmit={canSubmit} />
    </>
  );
}
