'use client';

import { useState } from 'react';
import { useChangeForm } from '../lib/use-change-form';
import { emptyPort, emptyServiceValues, serviceFieldNames, serviceRequestOf, serviceTextProblems, type ServiceValues } from '../lib/service-values';
import { NamespaceAndNameFields } from './change-field';
import { ChangeFormFooter } from './change-form-footer';
import { ServiceSpecFields } from './service-spec-fields';

/**
 * Create a Service, or edit one (`initial` from its synced copy): the fields given are applied
 * with server-side apply as `portico`; fields other managers own keep their values.
 */
export function ServiceForm({ clusterId, csrfToken, namespace, initial, canSubmit }: { clusterId: string; csrfToken?: string; namespace: string; initial?: ServiceValues; canSubmit: boolean }) {
  const editing = !!initial;
  const [ns, setNs] = useState(namespace);
  const [values, setValues] = useState<ServiceValues>(() => initial ?? { ...emptyServiceValues(), ports: [emptyPort()] });
  const set = (patch: Partial<ServiceValues>) => setValues((v) => ({ ...v, ...patch }));
  const change = serviceRequestOf(values, ns);
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: [...serviceFieldNames(values), 'change.namespace'], check: () => serviceTextProblems(values) });

  return (
    <form {...cf.formProps} aria-label={editing ? `Edit Service ${values.name}` : 'New Service'} className="space-y-6">
      <fieldset disabled={cf.stage === 'submitted'} className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5">
        <ServiceSpecFields
          cf={cf}
          values={values}
          set={set}
          portsHint={editing ? 'The Service’s ports as they are; a port’s number and protocol identify it.' : 'At least one port; name each port when there are several.'}
          selectorHint="The pods this Service sends traffic to, as key=value pairs."
          nameField={
            <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
              <NamespaceAndNameFields cf={cf} editing={editing} namespace={ns} onNamespace={setNs} name={values.name} onName={(name) => set({ name })} />
            </div>
          }
        />
      </fieldset>
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
    </form>
  );
}
