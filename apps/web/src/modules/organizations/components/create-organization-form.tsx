'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { routes, type TOrganizationSummary } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';
import { formText } from '@/modules/forms/lib/form-text';

const read = (form: HTMLFormElement) => ({ name: formText(new FormData(form), 'name') });

export function CreateOrganizationForm({ csrfToken }: { csrfToken?: string }) {
  const router = useRouter();
  const [created, setCreated] = useState<TOrganizationSummary | null>(null);
  const [switching, setSwitching] = useState(false);
  const { formProps, errors, pending, setFormError } = useContractForm({
    route: routes.createOrganization,
    read,
    csrfToken,
    messages: { name: 'Enter a name (up to 100 characters).' },
    onSuccess: (org, { form }) => {
      form.reset();
      setCreated(org);
      router.refresh(); // the organization switcher now lists it
    },
  });
  const error = { form: errors.form, name: errors.fields.name };

  async function switchTo(org: TOrganizationSummary) {
    setSwitching(true);
    const res = await apiCall(routes.switchOrganization, { body: { organizationId: org.id }, csrfToken });
    setSwitching(false);
    if (!res.ok) {
      setFormError(problemMessage(res.problem));
      return;
    }
    setCreated(null);
    router.refresh();
  }

  return (
    <form method="post" {...formProps}>
      <div aria-live="polite" className="space-y-2 not-empty:mb-4">
        {error.form && <Alert tone="error">{error.form}</Alert>}
        {created && (
          <Alert tone="success">
            <span className="flex flex-wrap items-center gap-3">
              Created {created.name}; you are its admin.
              <Button size="sm" onClick={() => switchTo(created)} disabled={pending || switching}>
                Switch to {created.name}
              </Button>
            </span>
          </Alert>
        )}
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-full max-w-sm">
          <Field id="org-name" label="Organization name" error={error.name}>
            <input
              id="org-name"
              name="name"
              maxLength={100}
              required
              autoComplete="organization"
              aria-invalid={error.name ? true : undefined}
              aria-describedby={describedBy('org-name', error.name)}
              className={inputClass}
            />
          </Field>
        </div>
        <div className="pt-6.5">
          <SubmitButton variant="primary" disabled={pending || switching}>
            {pending ? 'Creating…' : 'Create organization'}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
