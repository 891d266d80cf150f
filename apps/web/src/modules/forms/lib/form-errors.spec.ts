import { ZChangePasswordRequest, ZLoginRequest, ZRegisterClusterRequest, type TProblem } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { changedFields, problemErrors, revalidatedFields, schemaErrors, snapshotOf } from './form-errors';

const issuesOf = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, values: unknown) =>
  schema.safeParse(values).error?.issues ?? [];

describe('schemaErrors (contract issues → field errors)', () => {
  it('puts the first issue of each field next to it, with the form’s own words when it has them', () => {
    const values = { email: 'not-an-email', password: '' };
    const errors = schemaErrors(issuesOf(ZLoginRequest, values), values, ['email', 'password'], {
      email: (v) => (v.email ? 'Enter a valid e-mail address.' : 'Enter your e-mail address.'),
    });
    expect(errors).toEqual({ form: null, fields: { email: 'Enter a valid e-mail address.', password: expect.stringMatching(/>=1/) } });
  });

  it('keeps the contract’s refinements (a new password equal to the current one)', () => {
    const values = { currentPassword: 'same-password-123', newPassword: 'same-password-123' };
    expect(schemaErrors(issuesOf(ZChangePasswordRequest, values), values, ['currentPassword', 'newPassword']).fields).toEqual({ newPassword: 'must differ from the current password' });
  });

  it('says nothing on top while a shown field is wrong, and names hidden fields otherwise', () => {
    // server + token mode with both empty: the "either kubeconfig or server" rule is about a hidden field.
    const values = { name: 'prod', server: '', token: '' };
    const both = schemaErrors(issuesOf(ZRegisterClusterRequest, values), values, ['name', 'server', 'token']);
    expect(Object.keys(both.fields).sort()).toEqual(['server', 'token']);
    expect(both.form).toBeNull();
    const hiddenOnly = schemaErrors(
      [
        { path: ['kubeconfig'], message: 'give either kubeconfig, or server and token' },
        { path: [], message: 'give role or disabled' },
      ],
      {},
      ['name'],
    );
    expect(hiddenOnly).toEqual({ form: 'kubeconfig: give either kubeconfig, or server and token; give role or disabled', fields: {} });
  });
});

describe('problemErrors (problem+json → field errors)', () => {
  const problem = (invalid_params?: TProblem['invalid_params'], detail?: string): TProblem => ({
    type: 'about:blank',
    title: 'Your request has invalid fields',
    status: 400,
    code: 'validation_failed',
    requestId: 'r',
    detail,
    invalid_params,
  });

  it('maps invalid_params to the form’s fields, dropping the body. prefix, first reason winning', () => {
    const errors = problemErrors(
      problem(
        [
          { name: 'body.name', reason: 'is taken' },
          { name: 'kubeconfig', reason: 'This is not a kubeconfig' },
          { name: 'name', reason: 'second' },
        ],
        '2 invalid fields in the body',
      ),
      ['name', 'kubeconfig'],
    );
    expect(errors).toEqual({ form: 'Your request has invalid fields: 2 invalid fields in the body', fields: { name: 'is taken', kubeconfig: 'This is not a kubeconfig' } });
  });

  it('keeps the reasons of fields the form does not have in the top line', () => {
    const errors = problemErrors(
      problem([
        { name: 'expiresAt', reason: 'must be in the future' },
        { name: 'request', reason: 'is not a well-formed HTTP request' },
      ]),
      ['expiresAt'],
    );
    expect(errors.fields).toEqual({ expiresAt: 'must be in the future' });
    expect(errors.form).toBe('Your request has invalid fields (request: is not a well-formed HTTP request)');
  });

  it('puts a problem without invalid_params on top', () => {
    const conflict: TProblem = { type: 'about:blank', title: 'Conflict', status: 409, code: 'conflict', requestId: 'r', detail: 'A cluster named “a” exists' };
    expect(problemErrors(conflict, ['name'])).toEqual({ form: 'Conflict: A cluster named “a” exists', fields: {} });
  });
});

describe('validation as you type', () => {
  it('tells which fields an edit changed', () => {
    const before = snapshotOf({ name: 'a', kubeconfig: undefined, skip: true });
    expect(changedFields(before, snapshotOf({ name: 'ab', kubeconfig: undefined, skip: true }))).toEqual(['name']);
    expect(changedFields(before, snapshotOf({ name: 'a', kubeconfig: 'x', skip: true }))).toEqual(['kubeconfig']);
    expect(changedFields(before, snapshotOf({ name: 'a', kubeconfig: undefined, skip: true }))).toEqual([]);
  });

  it('shows a fresh error only on fields that count, and re-checks fields already in error', () => {
    const fresh = { name: 'bad name', token: 'paste a token', confirm: 'differ' };
    const touched = new Set(['name']);
    // Typing in an untouched field stays quiet; a touched one speaks; an error already shown is re-checked.
    expect(revalidatedFields({}, fresh, ['token'], (f) => touched.has(f))).toEqual({});
    expect(revalidatedFields({}, fresh, ['name'], (f) => touched.has(f))).toEqual({ name: 'bad name' });
    expect(revalidatedFields({ confirm: 'differ', server: 'old' }, { confirm: 'differ' }, [], () => false)).toEqual({ confirm: 'differ' });
  });
});
