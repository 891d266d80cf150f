'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorCode, ZMe, ZMyInvitation, type TMyInvitation } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { inviteTokenFrom } from '@/modules/members/lib/invite-token';
import { Alert } from '@/modules/ui/components/alert';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';
import { loginErrorsOf } from '../lib/login-errors';

type State = { step: 'loading' } | { step: 'invalid'; reason: string } | { step: 'ready'; token: string; invitation: TMyInvitation };
type Errors = { form?: string; name?: string; password?: string };

/**
 * The page an invitation link opens. The secret is in the URL's fragment, which browsers never
 * send to a server; it is read here, then dropped from the address bar and history.
 */
export function AcceptInvitation() {
  const [state, setState] = useState<State>({ step: 'loading' });
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
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
      const res = await clientApi('/api/v1/invitations/lookup', { method: 'POST', body: { token }, schema: ZMyInvitation });
      if (cancelled) return;
      setState(res.ok ? { step: 'ready', token, invitation: res.data } : { step: 'invalid', reason: res.problem.detail ?? problemMessage(res.problem) });
    };
    // Another link pasted into this tab changes only the fragment: no new page load.
    const onHashChange = () => {
      if (!takeFragment()) return;
      setErrors({});
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
  if (state.step === 'invalid') return <Alert tone="error" title="This invitation cannot be used">{state.reason}</Alert>;
  const { token, invitation } = state;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!password) {
      setErrors({ password: 'Enter your password.' });
      passwordRef.current?.focus();
      return;
    }
    setPending(true);
    setErrors({});
    const res = await clientApi('/api/v1/invitations/accept', { method: 'POST', body: { token, password, ...(name ? { name: name.slice(0, 100) } : {}) }, schema: ZMe });
    if (res.ok) {
      window.location.assign('/');
      return;
    }
    setPending(false);
    if (res.problem.code === ErrorCode.ValidationFailed) {
      const fields = fieldErrorsOf(res.problem);
      setErrors({
        form: res.problem.detail ?? 'Check the highlighted fields.',
        name: fields.name ? 'Enter your name for the new account.' : undefined,
        password: fields.password ? 'Choose a password of at least 12 characters.' : undefined,
      });
      return;
    }
    if (res.problem.code === ErrorCode.InvalidCredentials) {
      setErrors({ password: `That is not the password of your Portico account ${invitation.email}.` });
      if (passwordRef.current) passwordRef.current.value = '';
      passwordRef.current?.focus();
      return;
    }
    setErrors({ form: loginErrorsOf(res.problem, res.retryAfterSeconds).form ?? problemMessage(res.problem) });
  }

  return (
    <div className="space-y-5">
      <p className="text-sm text-zinc-700">
        <span className="font-medium text-zinc-900">{invitation.organization.name}</span> invites <span className="font-medium text-zinc-900">{invitation.email}</span> as <RoleBadge role={invitation.role} />
        {invitation.invitedBy && <span className="block text-xs text-zinc-500">Sent by {invitation.invitedBy}</span>}
      </p>
      <form method="post" onSubmit={onSubmit} noValidate aria-label="Accept the invitation" className="space-y-4">
        <div aria-live="polite" className="empty:hidden">
          {errors.form && <Alert tone="error">{errors.form}</Alert>}
        </div>
        {/* For password managers: the account the password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <Field id="invite-password" label="Password" error={errors.password} hint="Your Portico password — or, if you are new here, the one you choose now (12 characters or more).">
          <input ref={passwordRef} id="invite-password" name="password" type="password" autoComplete="current-password" maxLength={256} required autoFocus aria-invalid={errors.password ? true : undefined} aria-describedby={describedBy('invite-password', errors.password, 'hint')} className={inputClass} />
        </Field>
        <Field id="invite-name" label="Your name" optional error={errors.name} hint="Only needed if you are new to Portico.">
          <input id="invite-name" name="name" autoComplete="name" maxLength={100} aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy('invite-name', errors.name, 'hint')} className={inputClass} />
        </Field>
        <SubmitButton variant="primary" className="w-full" disabled={pending}>
          {pending ? 'Joining…' : `Join ${invitation.organization.name}`}
        </SubmitButton>
      </form>
    </div>
  );
}
