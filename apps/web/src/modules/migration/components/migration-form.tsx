'use client';

import { useRef, useState } from 'react';
import { migrationObjectKey, routes, type TMigrationBatch, type TMigrationPreview, type TPreviewMigrationRequest } from '@portico/contracts';
import { newIdempotencyKey } from '@/modules/changes/lib/use-change-form';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { Field, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { MigrationPreview } from './migration-preview';
import { MigrationProgress } from './migration-progress';

interface Props {
  clusterId: string;
  csrfToken?: string;
  ingress: { id: string; namespace: string; name: string; className: string | null };
  gateways: { namespace: string; name: string }[];
  gatewayClasses: string[];
  canSubmit: boolean;
}

const FIELDS = ['source.ingress', 'source.ingressClass', 'gateway.name', 'gateway.gatewayClassName'] as const;

/**
 * The migration's one form: what to migrate and onto which Gateway. Its submit previews until the
 * preview matches the form, then submits the batch with the preview's resourceVersions and the
 * session's Idempotency-Key, as every change form does.
 */
export function MigrationForm({ clusterId, csrfToken, ingress, gateways, gatewayClasses, canSubmit }: Props) {
  const [scope, setScope] = useState<'one' | 'class'>('one');
  const [mode, setMode] = useState<'existing' | 'new'>(gateways.length ? 'existing' : 'new');
  const [existing, setExisting] = useState(gateways[0] ? `${gateways[0].namespace}/${gateways[0].name}` : '');
  const [newName, setNewName] = useState(`${ingress.name}-gateway`);
  const [gatewayClass, setGatewayClass] = useState(gatewayClasses[0] ?? '');
  const [preview, setPreview] = useState<{ key: string; data: TMigrationPreview } | null>(null);
  const [batch, setBatch] = useState<TMigrationBatch | null>(null);
  const idempotencyKey = useRef<string | null>(null);

  const [gwNamespace, gwName] = existing.split('/');
  const body: TPreviewMigrationRequest = {
    source: scope === 'one' ? { namespace: ingress.namespace, ingress: ingress.name } : { namespace: ingress.namespace, ingressClass: ingress.className ?? '' },
    gateway: mode === 'existing' ? { mode, namespace: gwNamespace ?? '', name: gwName ?? '' } : { mode, namespace: ingress.namespace, name: newName, gatewayClassName: gatewayClass },
  };
  const key = JSON.stringify(body);
  const current = preview?.key === key ? preview.data : null;
  const stage = batch ? 'submitted' : current ? 'previewed' : 'edit';

  const form = useContractForm({
    route: stage === 'previewed' ? routes.submitMigration : routes.previewMigration,
    params: { id: clusterId },
    csrfToken,
    read: () => (stage === 'previewed' && current ? { ...body, baseResourceVersions: baseVersions(current), force: false } : body),
    headers: (): Record<string, string> => {
      if (stage !== 'previewed') return {};
      idempotencyKey.current ??= newIdempotencyKey();
      return { 'idempotency-key': idempotencyKey.current };
    },
    fields: FIELDS,
    onSuccess: (data) => {
      if (stage === 'previewed') setBatch(data as TMigrationBatch);
      else setPreview({ key, data: data as TMigrationPreview });
    },
  });
  const err = (name: (typeof FIELDS)[number]) => form.errors.fields[name];
  const shown = current ?? preview?.data ?? null;

  return (
    <div className="space-y-6">
      <form {...form.formProps} aria-label="Migrate to Gateway API" className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5">
        <fieldset className="space-y-2" disabled={stage === 'submitted'}>
          <legend className="text-sm font-medium text-zinc-800">What to migrate</legend>
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="radio" name="scope" checked={scope === 'one'} onChange={() => setScope('one')} className="size-4" />
            This Ingress ({ingress.name})
          </label>
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="radio" name="scope" checked={scope === 'class'} onChange={() => setScope('class')} disabled={!ingress.className} className="size-4" />
            {ingress.className ? `Every Ingress of class ${ingress.className} in namespace ${ingress.namespace}` : 'Every Ingress of its class (this Ingress names no class)'}
          </label>
          {(err('source.ingress') ?? err('source.ingressClass')) && <p className="text-xs font-medium text-red-700">{err('source.ingress') ?? err('source.ingressClass')}</p>}
        </fieldset>
        <fieldset className="space-y-3" disabled={stage === 'submitted'}>
          <legend className="text-sm font-medium text-zinc-800">Onto which Gateway</legend>
          <div className="flex flex-wrap gap-4">
            <label className="flex items-center gap-2 text-sm text-zinc-700">
              <input type="radio" name="gateway-mode" checked={mode === 'existing'} onChange={() => setMode('existing')} disabled={!gateways.length} className="size-4" />
              An existing Gateway (its listeners extended as needed)
            </label>
            <label className="flex items-center gap-2 text-sm text-zinc-700">
              <input type="radio" name="gateway-mode" checked={mode === 'new'} onChange={() => setMode('new')} className="size-4" />A new Gateway in {ingress.namespace}
            </label>
          </div>
          {mode === 'existing' ? (
            <Field id="gateway-existing" label="Gateway" error={err('gateway.name')}>
              <select
                id="gateway-existing"
                name="gateway.name"
                value={existing}
                onChange={(e) => setExisting(e.target.value)}
                aria-invalid={!!err('gateway.name')}
                aria-describedby={describedBy('gateway-existing', err('gateway.name'))}
                className={selectClass}
              >
                {gateways.map((g) => (
                  <option key={`${g.namespace}/${g.name}`} value={`${g.namespace}/${g.name}`}>
                    {g.namespace}/{g.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="gateway-new-name" label="Name" error={err('gateway.name')}>
                <input
                  id="gateway-new-name"
                  name="gateway.name"
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                  aria-invalid={!!err('gateway.name')}
                  aria-describedby={describedBy('gateway-new-name', err('gateway.name'))}
                  className={inputClass}
                />
              </Field>
              <Field
                id="gateway-class"
                label="GatewayClass"
                error={err('gateway.gatewayClassName')}
                hint={gatewayClasses.length ? undefined : 'The cluster has no GatewayClass: install a Gateway API implementation first.'}
              >
                <select
                  id="gateway-class"
                  name="gateway.gatewayClassName"
                  value={gatewayClass}
                  onChange={(e) => setGatewayClass(e.target.value)}
                  aria-invalid={!!err('gateway.gatewayClassName')}
                  aria-describedby={describedBy('gateway-class', err('gateway.gatewayClassName'))}
                  className={selectClass}
                >
                  {gatewayClasses.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </Field>
            </div>
          )}
        </fieldset>
        <div aria-live="polite">{form.errors.form && <Alert tone="error">{form.errors.form}</Alert>}</div>
        {stage === 'edit' && (
          <SubmitButton variant="primary" disabled={form.pending}>
            {form.pending ? 'Previewing…' : shown ? 'Preview again' : 'Preview migration'}
          </SubmitButton>
        )}
        {stage === 'previewed' &&
          (canSubmit ? (
            <SubmitButton variant="primary" disabled={form.pending}>
              {form.pending ? 'Submitting…' : `Submit ${current?.objects.length ?? 0} changes`}
            </SubmitButton>
          ) : (
            <Alert tone="info">Viewers may preview; an editor or admin submits the migration.</Alert>
          ))}
      </form>
      {batch ? <MigrationProgress batch={batch} ingressId={ingress.id} /> : shown && <MigrationPreview preview={shown} stale={!current} />}
    </div>
  );
}

const baseVersions = (p: TMigrationPreview) => Object.fromEntries(p.objects.map((o) => [migrationObjectKey(o), o.preview.baseResourceVersion]));
