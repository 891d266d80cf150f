'use client';

import { useState } from 'react';
import type { TExposeRequest } from '@portico/contracts';
import { useChangeForm } from '../lib/use-change-form';
import { emptyServiceValues, exposeRequestOf, serviceFieldNames, serviceTextProblems, type ServiceValues } from '../lib/service-values';
import { ChangeField } from './change-field';
import { ChangeFormFooter } from './change-form-footer';
import { ServiceSpecFields, type ContainerPort } from './service-spec-fields';

export interface ExposeSource {
  namespace: string;
  kind: TExposeRequest['source']['kind'];
  name: string;
  /** The workload's selector, when its page is known: what the Service selects by default. */
  selector?: Record<string, string>;
  containerPorts?: ContainerPort[];
}

/** Expose a workload as a Service: `kubectl expose`, with a preview first. */
export function ExposeForm({ clusterId, csrfToken, source, canSubmit }: { clusterId: string; csrfToken?: string; source: ExposeSource; canSubmit: boolean }) {
  const [values, setValues] = useState<ServiceValues>(() => emptyServiceValues());
  const set = (patch: Partial<ServiceValues>) => setValues((v) => ({ ...v, ...patch }));
  const change = exposeRequestOf(values, source);
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: serviceFieldNames(values), check: () => serviceTextProblems(values) });
  const defaultSelector =
    source.selector && Object.keys(source.selector).length
      ? Object.entries(source.selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')
      : null;

  return (
    <form {...cf.formProps} aria-label={`Expose ${source.kind} ${source.name}`} className="space-y-6">
      <fieldset disabled={cf.stage === 'submitted'} className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5">
        <ServiceSpecFields
          cf={cf}
          values={values}
          set={set}
          containerPorts={source.containerPorts}
          portsHint={`Leave empty to expose every container port of the ${source.kind}, as kubectl expose does.`}
          selectorHint={defaultSelector ? `Default: ${defaultSelector} (the ${source.kind}’s selector).` : `Default: the ${source.kind}’s selector.`}
          nameField={
            <ChangeField cf={cf} name="change.name" label="Service name" hint={`Default: ${source.name}.`} optional className="max-w-md">
              {(props) => <input {...props} autoComplete="off" placeholder={source.name} value={values.name} onChange={(e) => set({ name: e.target.value })} />}
            </ChangeField>
          }
        />
      </fieldset>
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
    </form>
  );
}
