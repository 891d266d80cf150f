'use client';

import type { ReactNode } from 'react';
import { inputClass } from '@/modules/ui/components/field';
import { cx } from '@/modules/ui/lib/cx';
import { type ChangeForm, errorFor } from '../lib/use-change-form';

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  className: string;
}

/**
 * One input of a change form, named as the contract's field (`change.ports.0.nodePort`) so
 * the contract's, the API's and the preview's messages about it all land here: an error in
 * red, else a preview warning in amber (with the input outlined), else the hint.
 */
export function ChangeField({
  cf,
  name,
  label,
  hint,
  optional,
  className,
  children,
}: {
  cf: Pick<ChangeForm, 'errors' | 'fieldWarnings'>;
  name: string;
  label: string;
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const error = errorFor(cf.errors.fields, name);
  const warning = error ? undefined : cf.fieldWarnings[name];
  const note = error ? `${id}-error` : warning ? `${id}-warning` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
        {optional && <span className="ml-1 font-normal text-zinc-500">(optional)</span>}
      </label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': note,
        className: cx(inputClass, warning && 'border-amber-500 outline-amber-500/40'),
      })}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : warning ? (
        <p id={`${id}-warning`} data-testid="field-warning" className="text-xs font-medium text-amber-800">
          Warning: {warning}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The namespace and name of the object a form writes, read-only when editing (together they say
 * which object it is). A fragment: each form places them in its own grid.
 */
export function NamespaceAndNameFields({
  cf,
  editing = false,
  namespace,
  onNamespace,
  name,
  onName,
  nameHint,
}: {
  cf: Pick<ChangeForm, 'errors' | 'fieldWarnings'>;
  editing?: boolean;
  namespace: string;
  onNamespace: (namespace: string) => void;
  name: string;
  onName: (name: string) => void;
  nameHint?: ReactNode;
}) {
  return (
    <>
      <ChangeField cf={cf} name="change.namespace" label="Namespace">
        {(props) => <input {...props} readOnly={editing} value={namespace} onChange={(e) => onNamespace(e.target.value)} />}
      </ChangeField>
      <ChangeField cf={cf} name="change.name" label="Name" hint={nameHint}>
        {(props) => <input {...props} readOnly={editing} autoComplete="off" value={name} onChange={(e) => onName(e.target.value)} />}
      </ChangeField>
    </>
  );
}
