'use client';

import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useRouter } from 'next/navigation';
import { routes, type TCluster, type TRegisterClusterRequest } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { Field, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';
import { Icon } from '@/modules/ui/components/icons';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { cx } from '@/modules/ui/lib/cx';
import { NOT_A_KUBECONFIG, kubeconfigContexts, kubeconfigSkipsTls, looksLikeKubeconfig } from '../lib/kubeconfig-contexts';

type Mode = 'kubeconfig' | 'token';

/** Every field the API may name in its answer (some are shown only in one mode). */
const FIELDS = ['name', 'kubeconfig', 'context', 'server', 'token', 'caPem', 'insecureSkipTlsVerify', 'allowInsecure'] as const;

const textareaClass = cx(inputClass, 'font-mono text-[12px] leading-5');
const checkboxClass = 'mt-0.5 size-4 rounded border-zinc-300 text-accent-600 focus-visible:outline-2 focus-visible:outline-accent-600';

/** The top line of a refused submit, whether the form or the API found the wrong fields. */
const refused = (marked: number) => `Nothing was registered: fix the field${marked > 1 ? 's' : ''} marked below.`;

/** Register a cluster from a kubeconfig (pasted or uploaded, with a context picker) or a server URL + token. */
export function RegisterClusterForm({ csrfToken, onDone, onCancel }: { csrfToken?: string; onDone: (cluster: TCluster) => void; onCancel?: () => void }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>('kubeconfig');
  const [name, setName] = useState('');
  const [kubeconfig, setKubeconfig] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [context, setContext] = useState('');
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [caPem, setCaPem] = useState('');
  const [skipTls, setSkipTls] = useState(false);
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [skipCheck, setSkipCheck] = useState(false);
  // The API asked for consent to an unverified connection the kubeconfig did not show.
  const [consentAsked, setConsentAsked] = useState(false);
  const topRef = useRef<HTMLDivElement>(null);

  const parsed = useMemo(() => kubeconfigContexts(kubeconfig), [kubeconfig]);
  const kubeconfigInsecure = mode === 'kubeconfig' && kubeconfigSkipsTls(kubeconfig);
  const insecure = mode === 'token' ? skipTls : kubeconfigInsecure || consentAsked;
  const contextChoices = parsed.contexts;

  /** The request as the form stands; the contract (`ZRegisterClusterRequest`) judges it. */
  const body = (): TRegisterClusterRequest => ({
    name,
    ...(mode === 'kubeconfig'
      ? { kubeconfig: kubeconfig.trim() ? kubeconfig : undefined, context: context || undefined }
      : { server: server.trim(), token: token.trim(), caPem: caPem.trim() || undefined, insecureSkipTlsVerify: skipTls || undefined }),
    allowInsecure: (insecure && allowInsecure) || undefined,
    skipConnectionCheck: skipCheck || undefined,
  });

  const { formProps, errors, pending, reset, setFieldError } = useContractForm({
    route: routes.registerCluster,
    read: body,
    csrfToken,
    fields: FIELDS,
    messages: {
      name: 'Use lowercase letters, digits and "-" (up to 63), starting and ending with a letter or digit, e.g. "prod-eu-1".',
      kubeconfig: 'Paste a kubeconfig or upload the file.',
      server: 'Give the API server URL, e.g. https://203.0.113.10:6443.',
      token: (v, issue) => (v.token ? `The token ${issue.message}.` : 'Paste a bearer token, e.g. of a ServiceAccount.'),
      caPem: 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----).',
    },
    // The form's own rules: which context of a parsed kubeconfig, and consent to what it shows.
    check: () => ({
      kubeconfig: mode === 'kubeconfig' && kubeconfig.trim() && !looksLikeKubeconfig(kubeconfig) ? NOT_A_KUBECONFIG : undefined,
      context: mode === 'kubeconfig' && contextChoices.length > 1 && !context ? 'This kubeconfig has several contexts: pick the one Portico should use.' : undefined,
      allowInsecure: insecure && !allowInsecure ? 'Confirm that you accept an unverified connection, or give a CA instead.' : undefined,
    }),
    refused,
    onProblem(p, { defaults }) {
      const marked = Object.keys(defaults.fields).length;
      if (defaults.fields.allowInsecure) setConsentAsked(true);
      topRef.current?.scrollIntoView({ block: 'nearest' });
      const top = p.status === 400 && marked > 0 ? refused(marked) : p.status === 409 && !p.detail ? `A cluster named “${name}” already exists. Pick another name.` : defaults.form;
      return { form: top, fields: { ...defaults.fields, name: defaults.fields.name ?? (p.status === 409 ? 'This name is taken.' : undefined) } };
    },
    onSuccess: (cluster) => {
      router.refresh();
      onDone(cluster);
    },
  });
  const fieldErrors: Partial<Record<(typeof FIELDS)[number], string>> = errors.fields;
  const showContext = contextChoices.length > 1 || !!fieldErrors.context;

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > 1024 * 1024) {
      setFieldError('kubeconfig', 'That file is larger than 1 MiB; a kubeconfig is a few KiB. Pick the right file.');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : '';
      setKubeconfig(text);
      setConsentAsked(false);
      setFileNote(`Read ${file.name} (${text.length.toLocaleString('en-US')} characters).`);
      const found = kubeconfigContexts(text);
      setContext(found.contexts.length > 1 ? (found.current ?? '') : '');
      setFieldError('kubeconfig', undefined);
      setFieldError('context', undefined);
    };
    reader.onerror = () => setFieldError('kubeconfig', `Could not read ${file.name}.`);
    reader.readAsText(file);
  }

  function onKubeconfig(text: string) {
    setKubeconfig(text);
    setConsentAsked(false);
    setFileNote(null);
    const found = kubeconfigContexts(text);
    if (context && !found.contexts.includes(context)) setContext('');
    if (!context && found.contexts.length > 1 && found.current) setContext(found.current);
  }

  const tab = (value: Mode, label: string) => (
    <button
      type="button"
      role="tab"
      id={`register-tab-${value}`}
      aria-selected={mode === value}
      aria-controls={`register-panel-${value}`}
      onClick={() => {
        setMode(value);
        setConsentAsked(false);
        reset();
      }}
      className={cx(
        'rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-600',
        mode === value ? 'bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200' : 'text-zinc-600 hover:text-zinc-900',
      )}
    >
      {label}
    </button>
  );

  return (
    <form method="post" {...formProps} aria-labelledby="register-cluster-title" className="space-y-5">
      <div ref={topRef} className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="register-cluster-title" className="text-[15px] font-semibold text-zinc-900">
          Register a cluster
        </h2>
        <div role="tablist" aria-label="How to connect" className="inline-flex gap-1 rounded-lg bg-zinc-100 p-1">
          {tab('kubeconfig', 'kubeconfig')}
          {tab('token', 'server + token')}
        </div>
      </div>
      <div aria-live="polite">{errors.form && <Alert tone="error">{errors.form}</Alert>}</div>

      <div className="max-w-sm">
        <Field id="cluster-name" label="Name" error={fieldErrors.name} hint="A DNS label, e.g. prod-eu-1. Shown everywhere Portico names this cluster.">
          <input
            id="cluster-name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={63}
            autoComplete="off"
            spellCheck={false}
            required
            aria-invalid={fieldErrors.name ? true : undefined}
            aria-describedby={describedBy('cluster-name', fieldErrors.name, 'hint')}
            className={inputClass}
          />
        </Field>
      </div>

      {mode === 'kubeconfig' ? (
        <div role="tabpanel" id="register-panel-kubeconfig" aria-labelledby="register-tab-kubeconfig" className="space-y-4">
          <Field
            id="cluster-kubeconfig"
            label="Kubeconfig"
            error={fieldErrors.kubeconfig}
            hint={
              <>
                Paste it, or upload the file below. Inline credentials only: <code className="font-mono">kubectl config view --raw --minify --flatten</code>. It is stored encrypted.
              </>
            }
          >
            <textarea
              id="cluster-kubeconfig"
              name="kubeconfig"
              rows={10}
              value={kubeconfig}
              onChange={(e) => onKubeconfig(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              placeholder={'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://…'}
              aria-invalid={fieldErrors.kubeconfig ? true : undefined}
              aria-describedby={describedBy('cluster-kubeconfig', fieldErrors.kubeconfig, 'hint')}
              className={textareaClass}
            />
          </Field>
          <div className="flex flex-wrap items-center gap-3">
            <label htmlFor="cluster-kubeconfig-file" className="text-sm font-medium text-zinc-800">
              Upload a kubeconfig file
            </label>
            <input
              id="cluster-kubeconfig-file"
              type="file"
              accept=".yaml,.yml,.conf,.config,.kubeconfig,text/plain,application/yaml,application/x-yaml"
              onChange={onFile}
              className="text-sm text-zinc-600 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-2.5 file:py-1 file:text-[13px] file:font-medium file:text-zinc-800 hover:file:bg-zinc-50"
            />
            <span aria-live="polite" className="text-xs text-zinc-500">
              {fileNote}
            </span>
          </div>
          {showContext && (
            <div className="max-w-sm">
              <Field id="cluster-context" label="Context" error={fieldErrors.context} hint="Which context of the kubeconfig Portico should use.">
                {contextChoices.length > 1 ? (
                  <select
                    id="cluster-context"
                    name="context"
                    value={context}
                    onChange={(e) => setContext(e.target.value)}
                    aria-invalid={fieldErrors.context ? true : undefined}
                    aria-describedby={describedBy('cluster-context', fieldErrors.context, 'hint')}
                    className={selectClass}
                  >
                    <option value="">Pick a context…</option>
                    {contextChoices.map((c) => (
                      <option key={c} value={c}>
                        {c}
                        {c === parsed.current ? ' (current-context)' : ''}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id="cluster-context"
                    name="context"
                    value={context}
                    onChange={(e) => setContext(e.target.value)}
                    spellCheck={false}
                    autoComplete="off"
                    aria-invalid={fieldErrors.context ? true : undefined}
                    aria-describedby={describedBy('cluster-context', fieldErrors.context, 'hint')}
                    className={inputClass}
                  />
                )}
              </Field>
            </div>
          )}
        </div>
      ) : (
        <div role="tabpanel" id="register-panel-token" aria-labelledby="register-tab-token" className="grid gap-4 md:grid-cols-2">
          <Field id="cluster-server" label="API server URL" error={fieldErrors.server} hint="e.g. https://203.0.113.10:6443">
            <input
              id="cluster-server"
              name="server"
              type="url"
              value={server}
              onChange={(e) => setServer(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={fieldErrors.server ? true : undefined}
              aria-describedby={describedBy('cluster-server', fieldErrors.server, 'hint')}
              className={inputClass}
            />
          </Field>
          <Field id="cluster-token" label="Bearer token" error={fieldErrors.token} hint="A ServiceAccount token with read access (list/watch). Stored encrypted.">
            <input
              id="cluster-token"
              name="token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={fieldErrors.token ? true : undefined}
              aria-describedby={describedBy('cluster-token', fieldErrors.token, 'hint')}
              className={inputClass}
            />
          </Field>
          <div className="md:col-span-2">
            <Field id="cluster-ca" label="CA certificate" optional error={fieldErrors.caPem} hint="The PEM bundle that signs the API server certificate, if it is not publicly trusted.">
              <textarea
                id="cluster-ca"
                name="caPem"
                rows={4}
                value={caPem}
                onChange={(e) => setCaPem(e.target.value)}
                spellCheck={false}
                placeholder="-----BEGIN CERTIFICATE-----"
                aria-invalid={fieldErrors.caPem ? true : undefined}
                aria-describedby={describedBy('cluster-ca', fieldErrors.caPem, 'hint')}
                className={textareaClass}
              />
            </Field>
          </div>
          <label className="flex items-start gap-2 text-sm text-zinc-800 md:col-span-2">
            <input
              type="checkbox"
              checked={skipTls}
              onChange={(e) => {
                setSkipTls(e.target.checked);
                if (!e.target.checked) setAllowInsecure(false);
              }}
              className={checkboxClass}
            />
            <span>
              Skip TLS verification
              <span className="block text-xs text-zinc-500">Only for test clusters with a self-signed certificate and no CA to hand.</span>
              {fieldErrors.insecureSkipTlsVerify && <span className="block text-xs font-medium text-red-700">{fieldErrors.insecureSkipTlsVerify}</span>}
            </span>
          </label>
        </div>
      )}

      {insecure && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-900">
          <p className="flex items-start gap-2">
            <Icon name="warning" className="mt-0.5 size-4 shrink-0" />
            {mode === 'kubeconfig'
              ? 'This kubeconfig turns TLS verification off (insecure-skip-tls-verify).'
              : 'Without TLS verification, anyone between Portico and the cluster can pose as its API server and read the token.'}{' '}
            The cluster will be flagged as insecure.
          </p>
          <label className="flex items-start gap-2 font-medium">
            <input
              type="checkbox"
              id="cluster-allow-insecure"
              name="allowInsecure"
              checked={allowInsecure}
              onChange={(e) => setAllowInsecure(e.target.checked)}
              aria-invalid={fieldErrors.allowInsecure ? true : undefined}
              aria-describedby={fieldErrors.allowInsecure ? 'cluster-allow-insecure-error' : undefined}
              className={checkboxClass}
            />
            I understand the risk and want to connect without verifying the server certificate
          </label>
          {fieldErrors.allowInsecure && (
            <p id="cluster-allow-insecure-error" className="text-xs font-medium text-red-700">
              {fieldErrors.allowInsecure}
            </p>
          )}
        </div>
      )}

      <label className="flex items-start gap-2 text-sm text-zinc-800">
        <input type="checkbox" checked={skipCheck} onChange={(e) => setSkipCheck(e.target.checked)} className={checkboxClass} />
        <span>
          Save without checking the connection
          <span className="block text-xs text-zinc-500">
            Portico normally calls the API server first and refuses credentials that do not work. The worker will report problems as the cluster status.
          </span>
        </span>
      </label>

      <div className="flex items-center gap-2 border-t border-zinc-100 pt-4">
        <SubmitButton variant="primary" disabled={pending}>
          {pending ? (skipCheck ? 'Registering…' : 'Checking the connection…') : 'Register cluster'}
        </SubmitButton>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
