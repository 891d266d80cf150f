'use client';

import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import type { ChangeForm } from '../lib/use-change-form';
import { emptyPort, type ServiceTypeChoice, type ServiceValues } from '../lib/service-values';
import { ChangeField } from './change-field';
import { PortRows } from './port-rows';

export interface ContainerPort {
  container: string | null;
  name: string | null;
  containerPort: number;
  protocol: string;
}

const TYPES: { value: ServiceTypeChoice; label: string; hint: string }[] = [
  { value: 'ClusterIP', label: 'ClusterIP', hint: 'Reachable inside the cluster at a virtual IP.' },
  { value: 'NodePort', label: 'NodePort', hint: 'Also on a port of every node (30000-32767).' },
  { value: 'LoadBalancer', label: 'LoadBalancer', hint: 'Also through the cloud’s or cluster’s load balancer.' },
  { value: 'headless', label: 'Headless', hint: 'No virtual IP: DNS answers with the pods’ addresses.' },
];

/** The Service fields Expose and the Service editor share (names are the contract's). */
export function ServiceSpecFields({
  cf,
  values,
  set,
  containerPorts = [],
  portsHint,
  selectorHint,
  nameField,
}: {
  cf: ChangeForm;
  values: ServiceValues;
  set: (patch: Partial<ServiceValues>) => void;
  containerPorts?: ContainerPort[];
  portsHint: string;
  selectorHint: string;
  nameField: React.ReactNode;
}) {
  const external = values.serviceType === 'NodePort' || values.serviceType === 'LoadBalancer';
  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Type</legend>
        <div className="mt-1.5 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {TYPES.map((t) => (
            <label key={t.value} className="flex cursor-pointer gap-2 rounded-md border border-zinc-200 bg-white p-2.5 text-sm has-checked:border-accent-500 has-checked:bg-accent-50/50">
              <input type="radio" name="serviceTypeChoice" value={t.value} checked={values.serviceType === t.value} onChange={() => set({ serviceType: t.value })} className="mt-0.5" />
              <span>
                <span className="block font-medium text-zinc-900">{t.label}</span>
                <span className="block text-xs text-zinc-500">{t.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {cf.errors.fields['change.headless'] && <p className="mt-1 text-xs font-medium text-red-700">{cf.errors.fields['change.headless']}</p>}
      </fieldset>
      {nameField}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-800">Ports</legend>
        <p className="text-xs text-zinc-500">{portsHint}</p>
        <PortRows cf={cf} ports={values.ports} onChange={(ports) => set({ ports })} full nodePortEnabled={external} />
        <datalist id="container-ports">
          {containerPorts.map((c) => (
            <option key={`${c.container}-${c.containerPort}-${c.protocol}`} value={c.name ?? String(c.containerPort)}>
              {`${c.containerPort}/${c.protocol}${c.name ? ` (${c.name})` : ''}${c.container ? ` in ${c.container}` : ''}`}
            </option>
          ))}
        </datalist>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => set({ ports: [...values.ports, emptyPort()] })}>
            Add a port
          </Button>
          {containerPorts.length > 0 && values.ports.length === 0 && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                set({
                  ports: containerPorts.map((c, i) => ({
                    ...emptyPort(),
                    port: String(c.containerPort),
                    targetPort: c.name ?? '',
                    protocol: c.protocol,
                    name: containerPorts.length > 1 ? (c.name ?? `port-${i + 1}`) : '',
                  })),
                })
              }
            >
              Start from the container ports
            </Button>
          )}
        </div>
        {containerPorts.length > 0 && (
          <p className="text-xs text-zinc-500">
            Container ports: {containerPorts.map((c) => `${c.name ? `${c.name} ` : ''}${c.containerPort}/${c.protocol}`).join(', ')} — target one by number or name.
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <ChangeField cf={cf} name="change.selector" label="Selector" hint={selectorHint} optional>
          {(props) => <input {...props} placeholder="app=web, tier=front" value={values.selector} onChange={(e) => set({ selector: e.target.value })} />}
        </ChangeField>
        <ChangeField cf={cf} name="change.labels" label="Labels" hint="key=value pairs on the Service itself." optional>
          {(props) => <input {...props} value={values.labels} onChange={(e) => set({ labels: e.target.value })} />}
        </ChangeField>
        <ChangeField cf={cf} name="change.sessionAffinity" label="Session affinity">
          {(props) => (
            <select {...props} className={selectClass} value={values.sessionAffinity} onChange={(e) => set({ sessionAffinity: e.target.value as ServiceValues['sessionAffinity'] })}>
              <option value="">Default (None)</option>
              <option value="None">None</option>
              <option value="ClientIP">ClientIP: a client keeps its pod</option>
            </select>
          )}
        </ChangeField>
        <ChangeField cf={cf} name="change.externalIPs" label="External IPs" hint="Comma separated; traffic to these IPs on the ports reaches the Service." optional>
          {(props) => <input {...props} value={values.externalIPs} onChange={(e) => set({ externalIPs: e.target.value })} />}
        </ChangeField>
        <ChangeField
          cf={cf}
          name="change.externalTrafficPolicy"
          label="External traffic policy"
          hint={external ? 'Local keeps the client address and skips a hop.' : 'NodePort and LoadBalancer only.'}
        >
          {(props) => (
            <select
              {...props}
              className={selectClass}
              disabled={!external}
              value={values.externalTrafficPolicy}
              onChange={(e) => set({ externalTrafficPolicy: e.target.value as ServiceValues['externalTrafficPolicy'] })}
            >
              <option value="">Default (Cluster)</option>
              <option value="Cluster">Cluster</option>
              <option value="Local">Local</option>
            </select>
          )}
        </ChangeField>
        <ChangeField cf={cf} name="change.internalTrafficPolicy" label="Internal traffic policy">
          {(props) => (
            <select {...props} className={selectClass} value={values.internalTrafficPolicy} onChange={(e) => set({ internalTrafficPolicy: e.target.value as ServiceValues['internalTrafficPolicy'] })}>
              <option value="">Default (Cluster)</option>
              <option value="Cluster">Cluster</option>
              <option value="Local">Local: only pods on the same node</option>
            </select>
          )}
        </ChangeField>
        {values.serviceType === 'LoadBalancer' && (
          <>
            <ChangeField cf={cf} name="change.loadBalancerClass" label="Load balancer class" hint="e.g. example.com/internal; empty for the cluster’s default." optional>
              {(props) => <input {...props} value={values.loadBalancerClass} onChange={(e) => set({ loadBalancerClass: e.target.value })} />}
            </ChangeField>
            <ChangeField cf={cf} name="change.loadBalancerSourceRanges" label="Source ranges" hint="CIDRs allowed to reach the load balancer, comma separated." optional>
              {(props) => <input {...props} value={values.loadBalancerSourceRanges} onChange={(e) => set({ loadBalancerSourceRanges: e.target.value })} />}
            </ChangeField>
          </>
        )}
      </div>
    </div>
  );
}
