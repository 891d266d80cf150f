import type { TChange } from '@portico/contracts';

const VERBS: Record<TChange['type'], string> = {
  expose: 'Expose as',
  service: 'Apply',
  externalName: 'Apply',
  delete: 'Delete',
  yaml: 'Apply YAML of',
  revert: 'Revert',
  ingress: 'Apply',
  httpRoute: 'Apply',
  gatewayListeners: 'Apply listeners of',
  referenceGrant: 'Apply',
};

/** One line for a change: what it does to which object, e.g. "Expose as Service default/my-app-np". */
export function describeChange(c: Pick<TChange, 'type' | 'operation' | 'target'>): string {
  const target = `${c.target.kind} ${c.target.namespace ? `${c.target.namespace}/` : ''}${c.target.name}`;
  if (c.type === 'revert') return `Revert ${target} (${c.operation === 'delete' ? 'delete it' : 'as it was'})`;
  return `${VERBS[c.type]} ${target}`;
}
