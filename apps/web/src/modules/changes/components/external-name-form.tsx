'use client';

import { useState } from 'react';
import { Button } from '@/modules/ui/components/button';
import { useChangeForm } from '../lib/use-change-form';
import { emptyPort, externalNameRequestOf, serviceFieldNames, serviceTextProblems, type PortRow } from '../lib/service-values';
import { ChangeField, NamespaceAndNameFields } from './change-field';
import { ChangeFormFooter } from './change-form-footer';
import { PortRows } from './port-rows';

/** An ExternalName Service: a DNS alias (CNAME) inside the cluster for a name outside it. */
export function ExternalNameForm({ clusterId, csrfToken, namespace, canSubmit }: { clusterId: string; csrfToken?: string; namespace: string; canSubmit: boolean }) {
  const [ns, setNs] = useState(namespace);
  const [values, setValues] = useState({ name: '', externalName: '', labels: '', ports: [] as PortRow[] });
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const change = externalNameRequestOf(values, ns);
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: [...serviceFieldNames(values), 'change.namespace'], check: () => serviceTextProblems({ ...values, selector: '' }) });

  return (
    <form {...cf.formProps} aria-label="New ExternalName Service" className="space-y-6">
      <fieldset disabled={cf.stage === 'submitted'} className="grid gap-4 rounded-lg border border-zinc-200 bg-white p-5 sm:grid-cols-2">
        <NamespaceAndNameFields cf={cf} namespace={ns} onNamespace={setNs} name={values.name} onName={(name) => set({ name })} nameHint="The in-cluster name: <name>.<namespace>.svc" />
        <ChangeField cf={cf} name="change.externalName" label="External name" hint="A DNS name, e.g. db.example.com (not an IP address).">
          {(props) => <input {...props} autoComplete="off" value={values.externalName} onChange={(e) => set({ externalName: e.target.value })} />}
        </ChangeField>
        <ChangeField cf={cf} name="change.labels" label="Labels" optional>
          {(props) => <input {...props} value={values.labels} onChange={(e) => set({ labels: e.target.value })} />}
        </ChangeField>
        <div className="space-y-2 sm:col-span-2">
          <p className="text-sm font-medium text-zinc-800">
            Ports <span className="font-normal text-zinc-500">(optional, informational)</span>
          </p>
          <PortRows cf={cf} ports={values.ports} onChange={(ports) => set({ ports })} full={false} />
          <Button size="sm" onClick={() => set({ ports: [...values.ports, emptyPort()] })}>
            Add a port
          </Button>
        </div>
      </fieldset>
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
    </form>
  );
}
