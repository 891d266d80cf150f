/**
 * The pure half of `KubeClient`'s writes: where an object lives (`objectPath`), the query and
 * body of a server-side apply or a delete, and what the apiserver says back besides the object —
 * `Warning` headers and the field-manager conflicts of a refused apply.
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run
 */
import { RESOURCE_LIST, apiVersionOf, collectionPath } from './resources.js';

/** What a write answered: its status (200, 201 on create), the object (or `Status`), and the apiserver's warnings. */
export interface WriteResult {
  status: number;
  object: Record<string, unknown> | undefined;
  /** The texts of the answer's `Warning: 299 - "…"` headers, in order. */
  warnings: string[];
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields other managers own instead of answering 409 (an explicit, audited choice). */
  force?: boolean;
  /** `dryRun=All`: validated, defaulted and admitted, never stored. */
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface RemoveOptions {
  /** The delete happens only if the live object still has this uid / resourceVersion (409 otherwise). */
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface KubeObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * `/api/v1/namespaces/shop/services/web` for an object of a kind Portico syncs. Throws for a kind
 * it does not know, a namespaced kind without a namespace, or a cluster-scoped kind with one.
 */
export function objectPath(ref: KubeObjectRef): string {
  const type = RESOURCE_LIST.find((r) => r.kind === ref.kind && apiVersionOf(r) === ref.apiVersion);
  if (!type) throw new Error(`Portico does not write ${ref.kind} objects of apiVersion ${ref.apiVersion}`);
  if (!ref.name) throw new Error(`a ${ref.kind} needs a name`);
  if (type.namespaced && !ref.namespace) throw new Error(`a ${ref.kind} is namespaced: it needs a namespace`);
  if (!type.namespaced && ref.namespace) throw new Error(`a ${ref.kind} is cluster-scoped: it has no namespace`);
  return `${collectionPath(type, type.namespaced ? ref.namespace : undefined)}/${encodeURIComponent(ref.name)}`;
}

/** `?fieldManager=…&force=true&dryRun=All`, appended to `path` (which may carry a query already). */
export function applyPath(path: string, options: Pick<ApplyOptions, 'fieldManager' | 'force' | 'dryRun'>): string {
  if (!options.fieldManager) throw new Error('a server-side apply needs a fieldManager');
  const query = new URLSearchParams({ fieldManager: options.fieldManager });
  if (options.force) query.set('force', 'true');
  if (options.dryRun) query.set('dryRun', 'All');
  return `${path}${path.includes('?') ? '&' : '?'}${query.toString()}`;
}

/** The `DeleteOptions` body of a delete, and its path (dry-run goes in the query, as kubectl sends it). */
export function removeRequest(path: string, options: Omit<RemoveOptions, 'signal'>): { path: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
  const preconditions = Object.fromEntries(Object.entries(options.preconditions ?? {}).filter(([, v]) => v !== undefined));
  if (Object.keys(preconditions).length) body.preconditions = preconditions;
  if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
  if (options.dryRun) body.dryRun = ['All'];
  return { path: options.dryRun ? `${path}${path.includes('?') ? '&' : '?'}dryRun=All` : path, body };
}

/**
 * The texts of `Warning` headers (RFC 7234 §5.5: `299 - "text"`, several per header separated by
 * commas, or repeated headers). Only code 299 is kept, as client-go does; a malformed rest of a
 * header is dropped, never thrown: warnings are advice, not the answer.
 * @see https://kubernetes.io/blog/2020/09/03/warnings/
 */
export function parseWarningHeaders(header: string | string[] | undefined): string[] {
  const texts: string[] = [];
  for (const value of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
    let i = 0;
    const skip = (chars: string) => {
      while (i < value.length && chars.includes(value[i])) i++;
    };
    const quoted = (): string | undefined => {
      if (value[i] !== '"') return undefined;
      let out = '';
      for (i++; i < value.length; i++) {
        if (value[i] === '\\' && i + 1 < value.length) out += value[++i];
        else if (value[i] === '"') {
          i++;
          return out;
        } else out += value[i];
      }
      return undefined;
    };
    for (;;) {
      skip(' \t,');
      const head = /^(\d{3}) +(\S+) +/.exec(value.slice(i));
      if (!head) break;
      i += head[0].length;
      const text = quoted();
      if (text === undefined) break;
      // An optional warn-date after the text.
      skip(' \t');
      if (value[i] === '"' && quoted() === undefined) break;
      if (head[1] === '299') texts.push(text);
      skip(' \t');
      if (i < value.length && value[i] !== ',') break;
    }
  }
  return texts;
}

/** One `details.causes[]` entry of a `Status`. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/**
 * Who owns what in a refused apply: the apiserver's 409 causes `FieldManagerConflict` carry
 * `conflict with "kubectl-client-side-apply" using v1` and `.spec.ports[port=80,protocol="TCP"].targetPort`.
 * Anything else (another error, another reason) gives `[]`.
 */
export function fieldManagerConflicts(err: unknown): { manager: string; field: string }[] {
  if (typeof err !== 'object' || err === null || !('causes' in err) || !Array.isArray(err.causes)) return [];
  const conflicts: { manager: string; field: string }[] = [];
  for (const cause of err.causes as StatusCause[]) {
    if (cause?.reason !== 'FieldManagerConflict' || typeof cause.message !== 'string') continue;
    // Go's %q: a double-quoted string with backslash escapes, which JSON reads the same for manager names.
    const quoted = /^conflict with ("(?:[^"\\]|\\.)*")/.exec(cause.message)?.[1];
    if (!quoted) continue;
    let manager: string;
    try {
      manager = JSON.parse(quoted) as string;
    } catch {
      manager = quoted.slice(1, -1);
    }
    conflicts.push({ manager, field: cause.field ?? '' });
  }
  return conflicts;
}
