'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ZCreateOrganizationRequest, ZMe, ZOrganizationSummary, type TOrganizationSummary } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';

export function CreateOrganizationForm({ csrfToken }: { csrfToken?: string }) {
  const router = useRouter();
  const [error, setError] = useState<{ form?: string; name?: string }>({});
  const [created, setCreated] = useState<TOrganizationSummary | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const parsed = ZCreateOrganizationRequest.safeParse({ name: String(new FormData(formEl).get('name') ?? '') });
    if (!parsed.success) {
      setError({ name: 'Enter a name (up to 100 characters).' });
      return;
    }
    setPending(true);
    setError({});
    const res = await clientApi('/api/v1/organizations', { method: 'POST', body: parsed.data, csrfToken, schema: ZOrganizationSummary });
    setPending(false);
    if (!res.ok) {
      setError({ form: problemMessage(res.problem), name: fieldErrorsOf(res.problem).name });
      return;
    }
    formEl.reset();
    setCreated(res.data);
    router.refresh(); // the organization switcher now lists it
  }

  async function switchTo(org: TOrganizationSummary) {
    setPending(true);
    const res = await clientApi('/api/v1/me/organization', { method: 'PUT', body: { organizationId: org.id }, csrfToken, schema: ZMe });
    setPending(false);
    if (!res.ok) {
      setError({ form: problemMessage(res.problem) });
      return;
    }
    setCreated(null);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <div aria-live="polite" className="space-y-2 not-empty:mb-4">
        {error.form && <Alert tone="error">{error.form}</Alert>}
        {created && (
          <Alert tone="success">
            <span className="flex flex-wrap items-center gap-3">
              Created {created.name}; you are its admin.
              <Button size="sm" onClick={() => switchTo(created)} disabled={pending}>
                Switch to {created.name}
              </Button>
            </span>
          </Alert>
        )}
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-full max-w-sm">
          <Field id="org-name" label="Organization name" error={error.name}>
            <input id="org-name" name="name" maxLength={100} required autoComplete="organization" aria-invalid={error.name ? true : undefined} aria-describedby={describedBy('org-name', error.name)} className={inputClass} />
          </Field>
        </div>
        <div className="pt-6.5">
          <SubmitButton variant="primary" disabled={pending}>
            {pending ? 'Creating…' : 'Create organization'}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
