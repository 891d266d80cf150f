import { ErrorCode, type TProblem } from '@portico/contracts';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';

export interface LoginErrors {
  form: string | null;
  fields: { email?: string; password?: string };
}

/** How a failed sign-in reads on the form. */
export function loginErrorsOf(problem: TProblem, retryAfterSeconds: number | null): LoginErrors {
  switch (problem.code) {
    case ErrorCode.InvalidCredentials:
      return { form: 'Wrong e-mail or password.', fields: {} };
    case ErrorCode.RateLimited: {
      const wait = retryAfterSeconds === null ? 'a little while' : retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
      return { form: `Too many sign-in attempts. Try again in ${wait}.`, fields: {} };
    }
    case ErrorCode.ValidationFailed: {
      const fields = fieldErrorsOf(problem);
      return { form: 'Check the highlighted fields.', fields: { email: fields.email, password: fields.password } };
    }
    default:
      return { form: problemMessage(problem), fields: {} };
  }
}
