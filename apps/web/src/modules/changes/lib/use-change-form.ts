'use client';

import { useRef, useState } from 'react';
import { routes, type TChange, type TChangePreview, type TChangeRequest } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import type { FieldMessages } from '@/modules/forms/lib/form-errors';

/** A key per form session: a retried or double-clicked submit answers with the first change. */
export function newIdempotencyKey(): string {
  // `crypto.randomUUID` exists only in secure contexts; the portal may be served over plain http inside a network.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `portico-web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export interface ChangeFormOptions {
  clusterId: string;
  csrfToken?: string;
  /** The change as the form stands now (pure: the form's state, not its DOM). */
  change: TChangeRequest;
  /** Own-form checks on text the contract cannot see (numbers typed as words…), by field name. */
  check?: () => Record<string, string | undefined>;
  messages?: FieldMessages<unknown>;
  /** The inputs' names (`change.name`, `change.ports.0.port`…): errors on these, or inside them, show beside them. */
  fields: readonly string[];
}

/**
 * Preview → submit → follow, over the one form hook: while the preview does not match the
 * form, the form's submit previews (`previewChange`); once it does, it submits
 * (`submitChange`) with the preview's resourceVersion as precondition and the session's
 * Idempotency-Key. Field errors from either call (`change.ports.0.nodePort`…) land on the
 * inputs named so.
 */
export function useChangeForm({ clusterId, csrfToken, change, check, messages, fields }: ChangeFormOptions) {
  const [preview, setPreview] = useState<{ key: string; data: TChangePreview } | null>(null);
  const [submitted, setSubmitted] = useState<TChange | null>(null);
  const [force, setForce] = useState(false);
  const [overwriteNewer, setOverwriteNewer] = useState(false);
  const [reason, setReason] = useState('');
  const idempotencyKey = useRef<string | null>(null);
  const key = JSON.stringify(change);
  const current = preview?.key === key ? preview.data : null;
  const stage: 'edit' | 'previewed' | 'submitted' = submitted ? 'submitted' : current ? 'previewed' : 'edit';

  const form = useContractForm({
    route: stage === 'previewed' ? routes.submitChange : routes.previewChange,
    params: { id: clusterId },
    csrfToken,
    read: () => (stage === 'previewed' ? { change, baseResourceVersion: current?.baseResourceVersion, force, overwriteNewer, reason: reason.trim() || undefined } : { change }),
    headers: (): Record<string, string> => {
      if (stage !== 'previewed') return {};
      idempotencyKey.current ??= newIdempotencyKey();
      return { 'idempotency-key': idempotencyKey.current };
    },
    check,
    messages,
    fields: [...fields, ...nestedFields(change)],
    onSuccess: (data) => {
      if (stage === 'previewed') setSubmitted(data as TChange);
      else {
        setPreview({ key, data: data as TChangePreview });
        setForce(false);
      }
    },
  });

  /** Starts a new form session: the next submit is a new change with a new key. */
  function startOver() {
    idempotencyKey.current = null;
    setSubmitted(null);
    setPreview(null);
    setReason('');
    setForce(false);
    setOverwriteNewer(false);
  }

  /** The preview's warnings by field, to mark the inputs they are about. */
  const fieldWarnings: Record<string, string> = {};
  for (const w of current?.warnings ?? []) if (w.field) fieldWarnings[w.field] ??= w.message;

  return {
    ...form,
    stage,
    preview: current,
    /** The last preview, kept on screen (dimmed) after an edit until the next one. */
    stalePreview: current ? null : (preview?.data ?? null),
    submitted,
    fieldWarnings,
    options: { force, setForce, overwriteNewer, setOverwriteNewer, reason, setReason },
    startOver,
  };
}

export type ChangeForm = ReturnType<typeof useChangeForm>;

/** The message shown on an input: its own error, or one on a field inside it (`change.selector.app` on the selector). */
export function errorFor(fields: Record<string, string>, name: string): string | undefined {
  if (fields[name]) return fields[name];
  const nested = Object.keys(fields).find((k) => k.startsWith(`${name}.`));
  return nested ? `${nested.slice(name.length + 1)}: ${fields[nested]}` : undefined;
}

/** Keys of the change's maps as field names (`change.selector.app`), so an error on one shows on its map's input. */
function nestedFields(change: TChangeRequest): string[] {
  const out: string[] = [];
  for (const map of ['selector', 'labels'] as const) {
    const value = (change as Partial<Record<typeof map, Record<string, string>>>)[map];
    for (const k of Object.keys(value ?? {})) out.push(`change.${map}.${k}`);
  }
  return out;
}
