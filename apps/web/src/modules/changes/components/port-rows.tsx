'use client';

import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import type { ChangeForm } from '../lib/use-change-form';
import type { PortRow } from '../lib/service-values';
import { ChangeField } from './change-field';

/**
 * A Service's port rows, each input named as the contract's field (`change.ports.0.nodePort`).
 * `full`: target port, protocol and node port too (an ExternalName Service has only port and name).
 */
export function PortRows({ cf, ports, onChange, full, nodePortEnabled = false }: { cf: ChangeForm; ports: PortRow[]; onChange: (ports: PortRow[]) => void; full: boolean; nodePortEnabled?: boolean }) {
  const setPort = (i: number, patch: Partial<PortRow>) => onChange(ports.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return ports.map((p, i) => (
    <div key={i} className={`grid grid-cols-2 items-start gap-2 rounded-md border border-zinc-200 p-2.5 ${full ? 'sm:grid-cols-6' : 'sm:grid-cols-4'}`} data-testid={`port-row-${i}`}>
      <ChangeField cf={cf} name={`change.ports.${i}.port`} label="Port">
        {(props) => <input {...props} inputMode="numeric" value={p.port} onChange={(e) => setPort(i, { port: e.target.value })} />}
      </ChangeField>
      {full && (
        <>
          <ChangeField cf={cf} name={`change.ports.${i}.targetPort`} label="Target port" optional>
            {(props) => <input {...props} list="container-ports" placeholder={p.port || 'same as port'} value={p.targetPort} onChange={(e) => setPort(i, { targetPort: e.target.value })} />}
          </ChangeField>
          <ChangeField cf={cf} name={`change.ports.${i}.protocol`} label="Protocol">
            {(props) => (
              <select {...props} className={selectClass} value={p.protocol} onChange={(e) => setPort(i, { protocol: e.target.value })}>
                <option value="">TCP (default)</option>
                <option>TCP</option>
                <option>UDP</option>
                <option>SCTP</option>
              </select>
            )}
          </ChangeField>
          <ChangeField cf={cf} name={`change.ports.${i}.nodePort`} label="Node port" optional>
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                disabled={!nodePortEnabled}
                placeholder={nodePortEnabled ? 'allocated' : '—'}
                value={p.nodePort}
                onChange={(e) => setPort(i, { nodePort: e.target.value })}
              />
            )}
          </ChangeField>
        </>
      )}
      <ChangeField cf={cf} name={`change.ports.${i}.name`} label="Name" optional={ports.length < 2}>
        {(props) => <input {...props} value={p.name} onChange={(e) => setPort(i, { name: e.target.value })} />}
      </ChangeField>
      <div className="pt-6.5">
        <Button size="sm" variant="ghost" onClick={() => onChange(ports.filter((_, j) => j !== i))}>
          Remove
        </Button>
      </div>
    </div>
  ));
}
