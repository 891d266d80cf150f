'use client';

import type { TObjectTarget } from '@portico/contracts';
import { useChangeForm } from '../lib/use-change-form';
import { ChangeFormFooter } from './change-form-footer';

/** Delete an object through the pipeline: the preview lists what stops resolving (Ingress backends, HTTPRoutes). */
export function DeleteForm({ clusterId, csrfToken, target, canSubmit }: { clusterId: string; csrfToken?: string; target: TObjectTarget; canSubmit: boolean }) {
  const cf = useChangeForm({ clusterId, csrfToken, change: { type: 'delete', target }, fields: [] });
  return (
    <form {...cf.formProps} aria-label={`Delete ${target.kind} ${target.name}`} className="space-y-6">
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} submitLabel={`Delete ${target.kind} ${target.name}`} danger />
    </form>
  );
}
