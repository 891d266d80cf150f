'use client';

import { useEffect, useState } from 'react';
import { routes, type TIngressOptions } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import { formatDate } from '@/modules/ui/lib/format';
import { type ChangeForm, useChangeForm } from '../lib/use-change-form';
import { emptyIngressValues, emptyPath, emptyRule, emptyTls, ingressFieldNames, ingressRequestOf, ingressTextProblems, type IngressValues, type RuleRow, type TlsMode } from '../lib/ingress-values';
import { ChangeCertificates } from './change-certificates';
import { ChangeField, NamespaceAndNameFields } from './change-field';
import { ChangeFormFooter } from './change-form-footer';

const NO_OPTIONS: TIngressOptions = { ingressClasses: [], services: [], issuers: [], tlsSecrets: [] };

/** The namespace's pickers (classes, Services, issuers, TLS Secrets), re-read when the namespace changes. */
function useIngressOptions(clusterId: string, namespace: string): TIngressOptions {
  const [options, setOptions] = useState(NO_OPTIONS);
  useEffect(() => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) return;
    let live = true;
    void apiCall(routes.getIngressOptions, { params: { id: clusterId }, query: { namespace } }).then((res) => {
      if (live && res.ok) setOptions(res.data);
    });
    return () => {
      live = false;
    };
  }, [clusterId, namespace]);
  return options;
}

const issuerLabel = (i: TIngressOptions['issuers'][number]) =>
  `${i.kind} ${i.name} — ${i.ready === true ? 'Ready' : i.ready === false ? `not Ready${i.reason ? ` (${i.reason})` : ''}` : 'no Ready condition yet'}`;

/**
 * Create an Ingress, or edit one (`initial` from its synced copy): class, rules with hosts and
 * paths to the namespace's Services, a default backend, and TLS from cert-manager (an Issuer or
 * ClusterIssuer) or from an existing Secret. Server-side apply as `portico` keeps what other
 * managers own.
 */
export function IngressForm({ clusterId, csrfToken, namespace, initial, canSubmit }: { clusterId: string; csrfToken?: string; namespace: string; initial?: IngressValues; canSubmit: boolean }) {
  const editing = !!initial;
  const [ns, setNs] = useState(namespace);
  const [values, setValues] = useState<IngressValues>(() => initial ?? emptyIngressValues());
  const set = (patch: Partial<IngressValues>) => setValues((v) => ({ ...v, ...patch }));
  const options = useIngressOptions(clusterId, ns);
  const change = ingressRequestOf(values, ns);
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: ingressFieldNames(values), check: () => ingressTextProblems(values) });
  const defaultClass = options.ingressClasses.find((c) => c.isDefault);

  const setRule = (i: number, rule: RuleRow) => set({ rules: values.rules.map((r, j) => (j === i ? rule : r)) });
  const setTlsMode = (tlsMode: TlsMode) => {
    const hosts = [...new Set(values.rules.map((r) => r.host.trim()).filter(Boolean))].join(', ');
    const tls = tlsMode !== 'none' && values.tls.length === 0 ? [{ hosts, secretName: tlsMode === 'issuer' && values.name ? `${values.name.trim()}-tls` : '' }] : values.tls;
    set({ tlsMode, tls });
  };

  return (
    <form {...cf.formProps} aria-label={editing ? `Edit Ingress ${values.name}` : 'New Ingress'} className="space-y-6">
      <fieldset disabled={cf.stage === 'submitted'} className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5">
        <div className="grid gap-4 sm:grid-cols-3">
          <NamespaceAndNameFields cf={cf} editing={editing} namespace={ns} onNamespace={setNs} name={values.name} onName={(name) => set({ name })} />
          <ChangeField cf={cf} name="change.ingressClassName" label="Ingress class" hint="The controller that serves this Ingress.">
            {(props) => (
              <select {...props} className={selectClass} value={values.ingressClassName} onChange={(e) => set({ ingressClassName: e.target.value })}>
                <option value="">{defaultClass ? `Cluster default (${defaultClass.name})` : 'None (no default class in this cluster)'}</option>
                {options.ingressClasses.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                    {c.controller ? ` — ${c.controller}` : ''}
                    {c.isDefault ? ' (default)' : ''}
                  </option>
                ))}
                {values.ingressClassName && !options.ingressClasses.some((c) => c.name === values.ingressClassName) && <option value={values.ingressClassName}>{values.ingressClassName}</option>}
              </select>
            )}
          </ChangeField>
        </div>

        <datalist id="ingress-services">
          {options.services.map((s) => (
            <option key={s.name} value={s.name} />
          ))}
        </datalist>
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-zinc-900">Rules</legend>
          {values.rules.map((rule, i) => (
            <RuleEditor key={i} cf={cf} index={i} rule={rule} options={options} onChange={(r) => setRule(i, r)} onRemove={() => set({ rules: values.rules.filter((_, j) => j !== i) })} />
          ))}
          <Button size="sm" onClick={() => set({ rules: [...values.rules, emptyRule()] })}>
            Add a rule
          </Button>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-zinc-900">Default backend</legend>
          <ChangeField cf={cf} name="change.defaultBackend.service" label="Service" optional hint="For requests no rule matches.">
            {(props) => <input {...props} list="ingress-services" autoComplete="off" value={values.defaultService} onChange={(e) => set({ defaultService: e.target.value })} />}
          </ChangeField>
          <ChangeField cf={cf} name="change.defaultBackend.port" label="Port" optional hint="A number, or the Service port’s name.">
            {(props) => <input {...props} value={values.defaultPort} onChange={(e) => set({ defaultPort: e.target.value })} />}
          </ChangeField>
        </fieldset>

        <TlsEditor cf={cf} values={values} options={options} set={set} setTlsMode={setTlsMode} />

        <ChangeField cf={cf} name="change.annotations" label="Other annotations" optional hint="key=value pairs for the controller, e.g. nginx.ingress.kubernetes.io/ssl-redirect=true">
          {(props) => <textarea {...props} rows={2} value={values.annotations} onChange={(e) => set({ annotations: e.target.value })} />}
        </ChangeField>
      </fieldset>
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
      {cf.submitted && <ChangeCertificates changeId={cf.submitted.id} />}
    </form>
  );
}

function RuleEditor({
  cf,
  index: i,
  rule,
  options,
  onChange,
  onRemove,
}: {
  cf: ChangeForm;
  index: number;
  rule: RuleRow;
  options: TIngressOptions;
  onChange: (r: RuleRow) => void;
  onRemove: () => void;
}) {
  const setPath = (j: number, patch: Partial<RuleRow['paths'][number]>) => onChange({ ...rule, paths: rule.paths.map((p, k) => (k === j ? { ...p, ...patch } : p)) });
  return (
    <div className="space-y-3 rounded-md border border-zinc-200 p-3" data-testid={`rule-${i}`}>
      <div className="flex items-end gap-2">
        <ChangeField cf={cf} name={`change.rules.${i}.host`} label="Host" optional hint="e.g. shop.example.com, or *.example.com; empty: every host." className="grow">
          {(props) => <input {...props} autoComplete="off" value={rule.host} onChange={(e) => onChange({ ...rule, host: e.target.value })} />}
        </ChangeField>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove rule ${i + 1}`}>
          Remove rule
        </Button>
      </div>
      {rule.paths.map((p, j) => {
        const ports = options.services.find((s) => s.name === p.service.trim())?.ports ?? [];
        const field = `change.rules.${i}.paths.${j}`;
        return (
          <div key={j} className="grid grid-cols-2 items-start gap-2 sm:grid-cols-5" data-testid={`rule-${i}-path-${j}`}>
            <ChangeField cf={cf} name={`${field}.path`} label="Path">
              {(props) => <input {...props} value={p.path} onChange={(e) => setPath(j, { path: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${field}.pathType`} label="Path type">
              {(props) => (
                <select {...props} className={selectClass} value={p.pathType} onChange={(e) => setPath(j, { pathType: e.target.value })}>
                  <option>Prefix</option>
                  <option>Exact</option>
                  <option>ImplementationSpecific</option>
                </select>
              )}
            </ChangeField>
            <ChangeField cf={cf} name={`${field}.backend.service`} label="Service">
              {(props) => <input {...props} list="ingress-services" autoComplete="off" value={p.service} onChange={(e) => setPath(j, { service: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name={`${field}.backend.port`} label="Port" hint={ports.length ? `Ports: ${ports.map((x) => (x.name ? `${x.port} (${x.name})` : x.port)).join(', ')}` : undefined}>
              {(props) => <input {...props} list={`ports-${i}-${j}`} value={p.port} onChange={(e) => setPath(j, { port: e.target.value })} />}
            </ChangeField>
            <datalist id={`ports-${i}-${j}`}>
              {ports.map((x) => (
                <option key={`${x.port}`} value={x.port} />
              ))}
            </datalist>
            <div className="pt-6.5">
              <Button size="sm" variant="ghost" onClick={() => onChange({ ...rule, paths: rule.paths.filter((_, k) => k !== j) })} aria-label={`Remove path ${j + 1} of rule ${i + 1}`}>
                Remove
              </Button>
            </div>
          </div>
        );
      })}
      <Button size="sm" onClick={() => onChange({ ...rule, paths: [...rule.paths, emptyPath()] })}>
        Add a path
      </Button>
    </div>
  );
}

function TlsEditor({
  cf,
  values,
  options,
  set,
  setTlsMode,
}: {
  cf: ChangeForm;
  values: IngressValues;
  options: TIngressOptions;
  set: (p: Partial<IngressValues>) => void;
  setTlsMode: (m: TlsMode) => void;
}) {
  const setTls = (i: number, patch: Partial<IngressValues['tls'][number]>) => set({ tls: values.tls.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const modes: [TlsMode, string][] = [
    ['none', 'No TLS'],
    ['issuer', 'Certificate from cert-manager'],
    ['secret', 'An existing TLS Secret'],
  ];
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-zinc-900">TLS</legend>
      <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="TLS">
        {modes.map(([mode, label]) => (
          <label key={mode} className="flex items-center gap-2">
            <input type="radio" name="tlsMode" value={mode} checked={values.tlsMode === mode} onChange={() => setTlsMode(mode)} />
            {label}
          </label>
        ))}
      </div>
      {values.tlsMode === 'issuer' && (
        <ChangeField cf={cf} name="change.issuer" label="Issuer" hint="cert-manager issues the certificate into each entry’s Secret and renews it.">
          {(props) => (
            <select {...props} className={selectClass} value={values.issuer} onChange={(e) => set({ issuer: e.target.value })}>
              <option value="">Choose an Issuer or ClusterIssuer</option>
              {options.issuers.map((i) => (
                <option key={`${i.kind}/${i.name}`} value={`${i.kind}/${i.name}`}>
                  {issuerLabel(i)}
                </option>
              ))}
            </select>
          )}
        </ChangeField>
      )}
      {values.tlsMode !== 'none' && (
        <>
          <datalist id="tls-secrets">
            {options.tlsSecrets.map((s) => (
              <option key={s.name} value={s.name}>{`${s.dnsNames.join(', ') || 'no SANs'} — expires ${formatDate(s.notAfter)}`}</option>
            ))}
          </datalist>
          {values.tls.map((t, i) => {
            const secret = options.tlsSecrets.find((s) => s.name === t.secretName.trim());
            return (
              <div key={i} className="grid grid-cols-1 items-start gap-2 rounded-md border border-zinc-200 p-3 sm:grid-cols-5" data-testid={`tls-${i}`}>
                <ChangeField cf={cf} name={`change.tls.${i}.hosts`} label="Hosts" className="sm:col-span-2" hint="Comma separated; usually the rules’ hosts.">
                  {(props) => <input {...props} value={t.hosts} onChange={(e) => setTls(i, { hosts: e.target.value })} />}
                </ChangeField>
                <ChangeField
                  cf={cf}
                  name={`change.tls.${i}.secretName`}
                  label="Secret"
                  className="sm:col-span-2"
                  hint={secret ? `SANs: ${secret.dnsNames.join(', ') || 'none'}; expires ${formatDate(secret.notAfter)}` : values.tlsMode === 'issuer' ? 'cert-manager creates it.' : undefined}
                >
                  {(props) => <input {...props} list="tls-secrets" autoComplete="off" value={t.secretName} onChange={(e) => setTls(i, { secretName: e.target.value })} />}
                </ChangeField>
                <div className="pt-6.5">
                  <Button size="sm" variant="ghost" onClick={() => set({ tls: values.tls.filter((_, j) => j !== i) })} aria-label={`Remove TLS entry ${i + 1}`}>
                    Remove
                  </Button>
                </div>
              </div>
            );
          })}
          {cf.errors.fields['change.tls'] && <p className="text-xs font-medium text-red-700">{cf.errors.fields['change.tls']}</p>}
          <Button size="sm" onClick={() => set({ tls: [...values.tls, emptyTls()] })}>
            Add a TLS entry
          </Button>
        </>
      )}
    </fieldset>
  );
}
