'use client';

import type { TChangeRequest } from '@portico/contracts';
import { useChangeForm } from '../lib/use-change-form';
import { ChangeFormFooter } from './change-form-footer';

/** What a companion change does, in a line (a ReferenceGrant: who may refer to what). */
function describeCompanion(c: TChangeRequest): string {
  if (c.type !== 'referenceGrant') return `${c.type} change`;
  const from = c.from.map((f) => `${f.kind}s of namespace ${f.namespace}`).join(', ');
  const to = c.to.map((t) => `${t.kind} ${t.name ?? '(any)'}`).join(', ');
  return `ReferenceGrant ${c.namespace}/${c.name}: lets ${from} refer to ${to} in namespace ${c.namespace}.`;
}

function CompanionForm({ clusterId, csrfToken, change, canSubmit }: { clusterId: string; csrfToken?: string; change: TChangeRequest; canSubmit: boolean }) {
  const cf = useChangeForm({ clusterId, csrfToken, change, fields: [] });
  return (
    <form {...cf.formProps} aria-label={`Companion change ${change.type === 'referenceGrant' ? change.name : change.type}`} className="space-y-3">
      <p className="text-sm text-zinc-800">{describeCompanion(change)}</p>
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} submitLabel="Submit the ReferenceGrant" />
    </form>
  );
}

/**
 * The changes a preview says this one needs beside it (`companions`: a ReferenceGrant where a
 * reference crosses namespaces), each previewed and submitted through the pipeline on its own.
 */
export function CompanionChanges({ clusterId, csrfToken, companions, canSubmit }: { clusterId: string; csrfToken?: string; companions: TChangeRequest[] | undefined; canSubmit: boolean }) {
  if (!companions?.length) return null;
  return (
    <section aria-labelledby="companions-title" className="space-y-4 rounded-lg border border-amber-300 bg-amber-50/40 p-4" data-testid="companions">
      <h2 id="companions-title" className="text-[15px] font-semibold text-zinc-900">
        Also needed
      </h2>
      {companions.map((c) => (
        <CompanionForm key={JSON.stringify(c)} clusterId={clusterId} csrfToken={csrfToken} change={c} canSubmit={canSubmit} />
      ))}
    </section>
  );
}
