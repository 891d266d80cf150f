'use client';

import { routes, type TLoginRequest } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { TextField } from '@/modules/ui/components/field';
import { loginErrorsOf } from '../lib/login-errors';
import { formText } from '@/modules/forms/lib/form-text';

const read = (form: HTMLFormElement): TLoginRequest => {
  const data = new FormData(form);
  return { email: formText(data, 'email'), password: formText(data, 'password') };
};

export function LoginForm({ next }: { next: string }) {
  // Same schema the API validates with: obvious mistakes never leave the browser.
  const { formProps, errors, pending } = useContractForm({
    route: routes.login,
    read,
    messages: {
      email: (values) => (values.email ? 'Enter a valid e-mail address.' : 'Enter your e-mail address.'),
      password: 'Enter your password.',
    },
    onProblem(problem, { form, retryAfterSeconds }) {
      const found = loginErrorsOf(problem, retryAfterSeconds);
      const password = form.elements.namedItem('password') as HTMLInputElement;
      if (problem.code === 'invalid_credentials') password.value = '';
      if (found.fields.email) (form.elements.namedItem('email') as HTMLInputElement).focus();
      else if (found.fields.password || problem.code === 'invalid_credentials') password.focus();
      return found;
    },
    // A full load, so every server component renders with the new session cookie.
    onSuccess: () => window.location.assign(next),
    navigatesOnSuccess: true,
  });

  return (
    <form method="post" {...formProps} className="space-y-5" aria-describedby={errors.form ? 'login-error' : undefined}>
      <div id="login-error" className="empty:hidden">
        {errors.form && <Alert tone="error">{errors.form}</Alert>}
      </div>
      <TextField id="email" label="E-mail" error={errors.fields.email} name="email" type="email" autoComplete="username" inputMode="email" required autoFocus />
      <TextField id="password" label="Password" error={errors.fields.password} name="password" type="password" autoComplete="current-password" required />
      <SubmitButton variant="primary" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </SubmitButton>
    </form>
  );
}
