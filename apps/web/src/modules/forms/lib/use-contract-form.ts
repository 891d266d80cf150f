'use client';

import { useEffect, useReducer, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import type { RouteContract, TProblem } from '@portico/contracts';
import type { ResponseOf } from '@/modules/api/lib/api-route';
import { callRoute } from '@/modules/api/lib/client-api';
import { type FieldMessages, type FormErrors, type Issue, NO_ERRORS, changedFields, definedErrors, problemErrors, revalidatedFields, sameFieldErrors, schemaErrors, snapshotOf } from './form-errors';

/** A contract schema as the form uses it (zod's `safeParse`), so the web needs no zod of its own. */
interface ContractSchema {
  safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly Issue[] } };
}

/** A catalogue route that takes a body: what a form submits to. */
type FormRoute = RouteContract & { body: ContractSchema };

/** What `onProblem` shows; fields without a message may be left undefined. */
export interface ShownErrors {
  form: string | null;
  fields: Record<string, string | undefined>;
}

export interface ContractFormOptions<R extends FormRoute, V> {
  /** The route submitted to; its `body` schema validates as you type and before sending. */
  route: R;
  /** The request body as it stands (from the form's fields and/or the component's state). */
  read: (form: HTMLFormElement) => V;
  /** `me.csrfToken`, sent as X-CSRF-Token (login and invitation links have none). */
  csrfToken?: string;
  params?: Record<string, string>;
  /** Extra request headers per submit, e.g. an `idempotency-key` kept for the form's session. */
  headers?: () => Record<string, string>;
  /** The form's fields, when they are not all named inputs of the form (default: their `name`s). */
  fields?: readonly string[];
  /** Friendlier texts than the contract's reasons, per field. */
  messages?: FieldMessages<V>;
  /** Rules of the form itself that the contract cannot know (e.g. "repeat the password"). */
  check?: (values: V, form: HTMLFormElement) => Record<string, string | undefined>;
  /** How a refused submit reads, when the default (field reasons + the problem's title) is not right. */
  onProblem?: (problem: TProblem, ctx: { form: HTMLFormElement; defaults: FormErrors; retryAfterSeconds: number | null; values: V }) => ShownErrors | void;
  onSuccess: (data: ResponseOf<R>, ctx: { form: HTMLFormElement; values: V }) => void | Promise<void>;
  /**
   * The top line when fields are wrong (`count` of them), whether the form found them or the API
   * did, e.g. "Nothing was registered: fix the fields marked below." Default: none.
   */
  refused?: (count: number) => string;
  /** The success handler leaves the page: stay "pending" until it is gone. */
  navigatesOnSuccess?: boolean;
}

/**
 * One form over one contract route: validation with the contract's schema as you type (a
 * field counts once left or once the form was submitted), submit with the CSRF header, and
 * an RFC 9457 problem's `invalid_params` shown next to the fields, the rest on top.
 * Spread `formProps` on the `<form>`; show `errors.form` and `errors.fields[name]`.
 */
export function useContractForm<R extends FormRoute, V>(options: ContractFormOptions<R, V>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [clientFields, setClientFields] = useState<Record<string, string>>({});
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  // Uncontrolled inputs change without a render: an edit re-renders so the effect below sees it.
  const [, edited] = useReducer((n: number) => n + 1, 0);
  /** The values last validated (or sent): an edit is a difference from them. */
  const seen = useRef<Record<string, string>>({});
  const left = useRef<string[]>([]);

  const fieldsOf = (form: HTMLFormElement) => options.fields ?? namedFields(form);

  function validate(values: V, form: HTMLFormElement): { parsed: unknown; errors: FormErrors } {
    const result = options.route.body.safeParse(values);
    const fields = fieldsOf(form);
    const errors = result.success ? NO_ERRORS : schemaErrors(result.error.issues, values, fields, options.messages);
    const own = definedErrors(options.check?.(values, form) ?? {});
    return { parsed: result.success ? result.data : undefined, errors: { form: errors.form, fields: { ...errors.fields, ...own } } };
  }

  // As you type: after each render, re-check what the person changed or left.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- no dependency list: it runs after every render on purpose.
  useEffect(() => {
    const form = formRef.current;
    if (!form || (!submitted && touched.size === 0)) return;
    const values = options.read(form);
    const now = snapshotOf(values);
    const changed = changedFields(seen.current, now);
    seen.current = now;
    const revisit = [...changed, ...left.current];
    left.current = [];
    const fresh = validate(values, form).errors.fields;
    const next = revalidatedFields(clientFields, fresh, revisit, (f) => submitted || touched.has(f));
    if (!sameFieldErrors(next, clientFields)) setClientFields(next);
    // An answer's reason for a field ends when that field is edited.
    if (changed.some((f) => f in serverFields)) setServerFields((prev) => Object.fromEntries(Object.entries(prev).filter(([f]) => !changed.includes(f))));
  });

  async function submit(form: HTMLFormElement) {
    const values = options.read(form);
    seen.current = snapshotOf(values);
    setSubmitted(true);
    const { parsed, errors } = validate(values, form);
    if (parsed === undefined || Object.keys(errors.fields).length > 0) {
      // The last answer's reasons for fields not edited since still hold (the effect drops a
      // field's reason once it is edited): show them beside the new ones, every wrong field at once.
      const marked = { ...serverFields, ...errors.fields };
      setClientFields(errors.fields);
      setFormError(errors.form ?? options.refused?.(Object.keys(marked).length) ?? null);
      focusFirst(form, marked);
      return;
    }
    setServerFields({});
    setClientFields({});
    setFormError(null);
    setPending(true);
    const res = await callRoute(options.route, { params: options.params, body: parsed, csrfToken: options.csrfToken, headers: options.headers?.() });
    if (res.ok) {
      setSubmitted(false);
      setTouched(new Set());
      await options.onSuccess(res.data as ResponseOf<R>, { form, values });
      if (!options.navigatesOnSuccess) setPending(false);
      seen.current = snapshotOf(options.read(form));
      return;
    }
    setPending(false);
    const defaults = problemErrors(res.problem, fieldsOf(form));
    const shown = options.onProblem?.(res.problem, { form, defaults, retryAfterSeconds: res.retryAfterSeconds, values }) ?? defaults;
    setFormError(shown.form);
    setServerFields(definedErrors(shown.fields));
    // What `onProblem` did to the fields (e.g. emptied a wrong password) is not an edit.
    seen.current = snapshotOf(options.read(form));
  }

  const formProps = {
    ref: formRef,
    noValidate: true,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      void submit(event.currentTarget);
    },
    onChange: () => edited(),
    onBlur: (event: FocusEvent<HTMLFormElement>) => {
      const name = (event.target as { name?: unknown }).name;
      if (typeof name !== 'string' || !name) return;
      left.current.push(name);
      if (!touched.has(name)) setTouched(new Set(touched).add(name));
      else edited();
    },
  };

  /** Clears every message (e.g. when the form switches mode). */
  function reset() {
    setClientFields({});
    setServerFields({});
    setFormError(null);
    setSubmitted(false);
    setTouched(new Set());
  }

  /** A field's message from outside the contract (e.g. an unreadable upload); it ends when the field is edited. */
  function setFieldError(field: string, message: string | undefined) {
    setServerFields((prev) => definedErrors({ ...prev, [field]: message }));
    setClientFields((prev) => definedErrors({ ...prev, [field]: undefined }));
  }

  return { formProps, setFieldError, errors: { form: formError, fields: { ...serverFields, ...clientFields } }, pending, reset, setFormError };
}

/** The names of the form's controls, in document order. */
function namedFields(form: HTMLFormElement): string[] {
  return [...new Set(Array.from(form.elements, (el) => (el as HTMLInputElement).name).filter(Boolean))];
}

function focusFirst(form: HTMLFormElement, fields: Record<string, string>) {
  for (const el of Array.from(form.elements)) {
    const name = (el as HTMLInputElement).name;
    if (name && fields[name] && el instanceof HTMLElement) {
      el.focus();
      return;
    }
  }
}
