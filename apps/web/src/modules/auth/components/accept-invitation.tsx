'use client';

import { useEffect, useRef, useState } from 'react';
import { ErrorCode, routes, type TMyInvitation } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { inviteTokenFrom } from '@/modules/members/lib/invite-token';
import { Alert } from '@/modules/ui/components/alert';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';
import { loginErrorsOf } from '../lib/login-errors';
import { formText } from '@/modules/forms/lib/form-text';

type State = { step: 'loading' } | { step: 'invalid'; reason: string } | { step: 'ready'; token: string; invitation: TMyInvitation };

/**
 * The page an invitation link opens. The secret is in the URL's fragment, which browsers never
 * send to a server; it is read here, then dropped from the address bar and history.
 */
export function AcceptInvitation() {
  const [state, setState] = useState<State>({ step: 'loading' });
  // Kept across effect runs: React's development double run finds the fragment already gone.
  const tokenRef = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    /** Takes the secret out of the fragment (and the address bar); false when there is none. */
    const takeFragment = () => {
      if (!window.location.hash) return false;
      tokenRef.current = inviteTokenFrom(window.location.hash);
      window.history.replaceState(null, '', window.location.pathname);
      return true;
    };
    const open = async () => {
      const token = tokenRef.current;
      if (!token) return setState({ step: 'invalid', reason: 'This address holds no invitation. Open the whole link you were sent.' });
      const res = await apiCall(routes.lookupInvitation, { body: { token } });
      if (cancelled) return;
      setState(res.ok ? { step: 'ready', token, invitation: res.data } : { step: 'invalid', reason: res.problem.detail ?? problemMessage(res.problem) });
    };
    // Another link pasted into this tab changes only the fragment: no new page load.
    const onHashChange = () => {
      if (!takeFragment()) return;
      setState({ step: 'loading' });
      void open();
    };
    takeFragment();
    void open();
    window.addEventListener('hashchange', onHashChange);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);

  if (state.step === 'loading') return <p className="text-sm text-zinc-600">Opening the invitation…</p>;
  if (state.step === 'invalid')
    return (
      <Alert tone="error" title="This invitation cannot be used">
        {state.reason}
      </Alert>
    );
  return <AcceptForm token={state.token} invitation={state.invitation} />;
}

/** The password (and, for someone new, name) that accepts the invitation `token`. */
function AcceptForm({ token, invitation }: { token: string; invitation: TMyInvitation }) {
  const { formProps, errors, pending } = useContractForm({
    route: routes.acceptInvitation,
    read: (form) => {
      const data = new FormData(form);
      const name = formText(data, 'name').trim();
      return { token, password: formText(data, 'password'), ...(name ? { name: name.slice(0, 100) } : {}) };
    },
    // Whether a new account is made is the API's to say: only an empty password is refused here.
    fields: ['password', 'name'],
    messages: { password: 'Enter your password.' },
    onProblem(problem, { form, retryAfterSeconds }) {
      const password = form.elements.namedItem('password') as HTMLInputElement;
      if (problem.code === ErrorCode.ValidationFailed) {
        const fields = fieldErrorsOf(problem);
        return {
          form: problem.detail ?? 'Check the highlighted fields.',
          fields: { name: fields.name ? 'Enter your name for the new account.' : undefined, password: fields.password ? 'Choose a password of at least 12 characters.' : undefined },
        };
      }
      if (problem.code === ErrorCode.InvalidCredentials) {
        password.value = '';
        password.focus();
        return { form: null, fields: { password: `That is not the password of your Portico account ${invitation.email}.` } };
      }
      return { form: loginErrorsOf(problem, retryAfterSeconds).form ?? problemMessage(problem), fields: {} };
    },
    onSuccess: () => window.location.assign('/'),
    navigatesOnSuccess: true,
  });

  return (
    <div className="space-y-5">
      <p className="text-sm text-zinc-700">
        <span className="font-medium text-zinc-900">{invitation.organization.name}</span> invites <span className="font-medium text-zinc-900">{invitation.email}</span> as{' '}
        <RoleBadge role={invitation.role} />
        {invitation.invitedBy && <span className="block text-xs text-zinc-500">Sent by {invitation.invitedBy}</span>}
      </p>
      <form method="post" {...formProps} aria-label="Accept the invitation" className="space-y-4">
        <div aria-live="polite" className="empty:hidden">
          {errors.form && <Alert tone="error">{errors.form}</Alert>}
        </div>
        {/* For password managers: the account the password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <Field id="invite-password" label="Password" error={errors.fields.password} hint="Your Portico password — or, if you are new here, the one you choose now (12 characters or more).">
          <input
            id="invite-password"
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={256}
            required
            autoFocus
            aria-invalid={errors.fields.password ? true : undefined}
            aria-describedby={describedBy('invite-password', errors.fields.password, 'hint')}
            className={inputClass}
          />
        </Field>
        <Field id="invite-name" label="Your name" optional error={errors.fields.name} hint="Only needed if you are new to Portico.">
          <input
            id="invite-name"
            name="name"
            autoComplete="name"
            maxLength={100}
            aria-invalid={errors.fields.name ? true : undefined}
            aria-describedby={describedBy('invite-name', errors.fields.name, 'hint')}
            className={inputClass}
          />
        </Field>
        <SubmitButton variant="primary" className="w-full" disabled={pending}>
          {pending ? 'Joining…' : `Join ${invitation.organization.name}`}
        </SubmitButton>
      </form>
    </div>
  );
}
