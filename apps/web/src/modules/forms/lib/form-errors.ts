import type { TProblem } from '@portico/contracts';
import { paramErrors, problemMessage } from '@/modules/api/lib/problem';

/**
 * The pure half of `useContractForm`: how a contract's validation issues and an API problem
 * become what a form shows — a message next to each field it has, one line at the top for
 * the rest. Kept apart so it is unit-tested without a browser.
 */

/** What a form shows: a top line, and a message per field. */
export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}
export const NO_ERRORS: FormErrors = { form: null, fields: {} };

/** One zod (or any Standard Schema) issue: where, and the contract's reason. */
export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** A friendlier text for a field's issue than the contract's reason; may depend on the values. */
export type FieldMessages<V> = Partial<Record<string, string | ((values: V, issue: Issue) => string)>>;

/**
 * Issues as field errors: the first issue of each field wins, shown with `messages[field]` when
 * the form has one, else the contract's own reason. Issues on fields the form does not show
 * (`fields`), or on the whole object, go to the top line — but only when no shown field is
 * wrong, since those usually say the same thing in general terms.
 */
export function schemaErrors<V>(issues: readonly Issue[], values: V, fields: readonly string[], messages: FieldMessages<V> = {}): FormErrors {
  const out: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const name = issue.path.map(String).join('.');
    const text = messageFor(messages[name], values, issue);
    if (fields.includes(name)) out[name] ??= text;
    else rest.push(name ? `${name}: ${text}` : text);
  }
  const form = Object.keys(out).length === 0 && rest.length > 0 ? rest.join('; ') : null;
  return { form, fields: out };
}

function messageFor<V>(custom: FieldMessages<V>[string], values: V, issue: Issue): string {
  if (typeof custom === 'function') return custom(values, issue);
  return custom ?? issue.message;
}

/**
 * A failed submit as form errors: `invalid_params` (with the API's `body.`/`query.`/`params.`
 * prefix dropped) next to the fields the form has; the problem's title and detail on top,
 * followed by the reasons of any field the form does not show, so none is lost.
 */
export function problemErrors(problem: TProblem, fields: readonly string[]): FormErrors {
  const all = paramErrors(problem);
  const out: Record<string, string> = {};
  const rest: string[] = [];
  for (const [name, reason] of Object.entries(all)) {
    if (fields.includes(name)) out[name] = reason;
    else rest.push(`${name}: ${reason}`);
  }
  const top = problemMessage(problem);
  return { form: rest.length > 0 ? `${top} (${rest.join('; ')})` : top, fields: out };
}

/** Field errors without the fields that have none (`{ name: undefined }` → `{}`). */
export function definedErrors(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => !!e[1]));
}

/** Whether two error maps say the same (so a re-validation that changes nothing does not re-render). */
export function sameFieldErrors(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Per field, a comparable snapshot of the values, to tell which fields an edit changed. */
export function snapshotOf(values: unknown): Record<string, string> {
  if (!values || typeof values !== 'object') return {};
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, JSON.stringify(v) ?? '']));
}

export function changedFields(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]);
}

/**
 * The client-side field errors after an edit: fields the person changed or left (`revisit`)
 * get their fresh error once they count (touched, or the form was submitted); a field already
 * showing an error is re-checked too, so fixing one field can clear another's (e.g. "repeat
 * the password"); other fields stay quiet until visited.
 */
export function revalidatedFields(current: Record<string, string>, fresh: Record<string, string>, revisit: readonly string[], counts: (field: string) => boolean): Record<string, string> {
  const next: Record<string, string> = {};
  const names = new Set([...Object.keys(current), ...revisit.filter(counts)]);
  for (const name of names) if (fresh[name]) next[name] = fresh[name];
  return next;
}
