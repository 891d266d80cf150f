'use client';

import { useRef, useState, type FormEvent } from 'react';
import { ZLoginRequest, ZMe } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';
import { loginErrorsOf, type LoginErrors } from '../lib/login-errors';

const noErrors: LoginErrors = { form: null, fields: {} };

export function LoginForm({ next }: { next: string }) {
  const [errors, setErrors] = useState<LoginErrors>(noErrors);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function show(found: LoginErrors) {
    setErrors(found);
    if (found.fields.email) emailRef.current?.focus();
    else if (found.fields.password) passwordRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') };

    // Same schema the API validates with: obvious mistakes never leave the browser.
    const parsed = ZLoginRequest.safeParse(input);
    if (!parsed.success) {
      const fields: LoginErrors['fields'] = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'email') fields.email ??= input.email ? 'Enter a valid e-mail address.' : 'Enter your e-mail address.';
        if (issue.path[0] === 'password') fields.password ??= 'Enter your password.';
      }
      show({ form: null, fields });
      return;
    }

    setPending(true);
    setErrors(noErrors);
    const res = await clientApi('/api/v1/auth/login', { method: 'POST', body: parsed.data, schema: ZMe });
    if (res.ok) {
      // A full load, so every server component renders with the new session cookie.
      window.location.assign(next);
      return;
    }
    setPending(false);
    const found = loginErrorsOf(res.problem, res.retryAfterSeconds);
    show(found);
    if (res.problem.code === 'invalid_credentials' && passwordRef.current) {
      passwordRef.current.value = '';
      passwordRef.current.focus();
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={errors.form ? 'login-error' : undefined}>
      <div id="login-error" className="empty:hidden">
        {errors.form && <Alert tone="error">{errors.form}</Alert>}
      </div>
      <Field id="email" label="E-mail" error={errors.fields.email}>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          autoFocus
          aria-invalid={errors.fields.email ? true : undefined}
          aria-describedby={describedBy('email', errors.fields.email)}
          className={inputClass}
        />
      </Field>
      <Field id="password" label="Password" error={errors.fields.password}>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={errors.fields.password ? true : undefined}
          aria-describedby={describedBy('password', errors.fields.password)}
          className={inputClass}
        />
      </Field>
      <SubmitButton variant="primary" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </SubmitButton>
    </form>
  );
}
