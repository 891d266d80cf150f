/**
 * Runs generated cases against two backends in lockstep and reports where their answers differ:
 * each operation's status, reason, cause fields, stored object and field ownership, and per
 * batch the watch event sequence of every object, read back from the batch's first resourceVersion.
 */
import type { Case, Kind, Op } from './arbitraries.js';
import type { BackendClient, WatchEvent } from './client.js';
import { canonical, causeMessages, diffPaths, normalizeObject, summarize, type Summary } from './compare.js';

export interface Difference {
  case: number;
  kind: Kind;
  name: string;
  step: number | 'watch';
  op: string;
  paths: string[];
  answers: [unknown, unknown];
}

export interface BatchResult {
  ops: number;
  differences: Difference[];
  /** Operations whose cause messages were worded differently (compared by field only). */
  messageDifferences: number;
  /** Operations a backend answered by closing the connection (not compared: there is no answer to hold the other to). */
  aborted: Difference[];
}

const COLLECTION: Record<Kind, string> = {
  Service: '/api/v1/namespaces/NS/services',
  Ingress: '/apis/networking.k8s.io/v1/namespaces/NS/ingresses',
  HTTPRoute: '/apis/gateway.networking.k8s.io/v1/namespaces/NS/httproutes',
  Gateway: '/apis/gateway.networking.k8s.io/v1/namespaces/NS/gateways',
};

const SENTINEL: Record<Kind, Record<string, unknown>> = {
  Service: { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }] } },
  Ingress: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } },
  HTTPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', spec: {} },
  Gateway: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', spec: { gatewayClassName: 'example', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
};
const SENTINEL_NAME = 'zz-sentinel';

const collection = (kind: Kind, ns: string) => COLLECTION[kind].replace('NS', ns);

function send(c: BackendClient, ns: string, kase: Case, op: Op) {
  const coll = collection(kase.kind, ns);
  const item = `${coll}/${encodeURIComponent(kase.name)}`;
  const dry = 'dryRun' in op && op.dryRun ? 'dryRun=All' : '';
  const q = (...p: string[]) => {
    const s = p.filter(Boolean).join('&');
    return s ? `?${s}` : '';
  };
  switch (op.op) {
    case 'create':
      return c.request('POST', `${coll}${q(dry)}`, op.body);
    case 'apply':
      return c.request('PATCH', `${item}${q(`fieldManager=${op.manager}`, op.force ? 'force=true' : '', dry)}`, op.body, 'application/apply-patch+yaml');
    case 'merge':
      return c.request('PATCH', `${item}${q(dry)}`, op.patch, 'application/merge-patch+json');
    case 'json':
      return c.request('PATCH', `${item}${q(dry)}`, op.patch, 'application/json-patch+json');
    case 'delete':
      return c.request('DELETE', `${item}${q(dry)}`);
    case 'get':
      return c.request('GET', item);
  }
}

/** Event types per object name; MODIFIED events that change only status are dropped (controllers write status on their own schedule). */
export function eventSequences(events: WatchEvent[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const last = new Map<string, string>();
  for (const e of events) {
    const name = e.object?.metadata?.name;
    if (!name || name === SENTINEL_NAME) continue;
    const { status: _s, ...rest } = normalizeObject(e.object);
    const body = canonical(rest);
    if (e.type === 'MODIFIED' && last.get(name) === body) continue;
    last.set(name, body);
    (out[name] ??= []).push(e.type);
  }
  return out;
}

export class Differential {
  constructor(readonly backends: [BackendClient, BackendClient]) {}

  async createNamespace(ns: string): Promise<void> {
    await Promise.all(
      this.backends.map(async (c) => {
        const r = await c.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
        if (r.status !== 201) throw new Error(`${c.backend.name}: creating namespace ${ns}: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    );
  }

  async deleteNamespace(ns: string): Promise<void> {
    await Promise.all(this.backends.map((c) => c.request('DELETE', `/api/v1/namespaces/${ns}`)));
  }

  /** Runs `cases` in a new namespace `ns`; `first` numbers them in reports. */
  async runBatch(ns: string, cases: Case[], first = 0): Promise<BatchResult> {
    await this.createNamespace(ns);
    const kinds = [...new Set(cases.map((c) => c.kind))];
    const startRv = await Promise.all(
      this.backends.map(async (c) => Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, (await c.request('GET', collection(k, ns))).body?.metadata?.resourceVersion as string])))),
    );
    const result: BatchResult = { ops: 0, differences: [], messageDifferences: 0, aborted: [] };
    for (const [i, kase] of cases.entries()) {
      for (const [step, op] of kase.ops.entries()) {
        const answers = await Promise.all(this.backends.map((c) => send(c, ns, kase, op)));
        result.ops++;
        const [a, b] = answers.map((r) => summarize(r.status, r.body)) as [Summary, Summary];
        const entry = () => ({ case: first + i, kind: kase.kind, name: kase.name, step, op: describe(op), paths: diffPaths(a, b), answers: [answers[0].body, answers[1].body] as [unknown, unknown] });
        if (answers.some((r) => r.status === 0)) result.aborted.push(entry());
        else if (canonical(a) !== canonical(b)) result.differences.push(entry());
        else if (causeMessages(answers[0].body) !== causeMessages(answers[1].body)) result.messageDifferences++;
      }
    }
    for (const kind of kinds) {
      const seqs = await Promise.all(
        this.backends.map(async (c, bi) => {
          const w = c.watch(`${collection(kind, ns)}?watch=1&resourceVersion=${startRv[bi][kind]}`, (e) => e.type === 'ADDED' && e.object?.metadata?.name === SENTINEL_NAME);
          const created = await c.request('POST', collection(kind, ns), { ...SENTINEL[kind], metadata: { name: SENTINEL_NAME } });
          if (created.status !== 201) throw new Error(`${c.backend.name}: sentinel ${kind}: ${created.status} ${JSON.stringify(created.body)}`);
          const r = await w;
          if (r.timedOut || r.status !== 200) throw new Error(`${c.backend.name}: watch of ${kind} from ${startRv[bi][kind]}: ${r.status}${r.timedOut ? ' (timed out)' : ''}`);
          return eventSequences(r.events);
        }),
      );
      if (canonical(seqs[0]) !== canonical(seqs[1]))
        result.differences.push({ case: first, kind, name: '*', step: 'watch', op: 'watch', paths: diffPaths(seqs[0], seqs[1]), answers: [seqs[0], seqs[1]] });
    }
    return result;
  }
}

export function describe(op: Op): string {
  switch (op.op) {
    case 'apply':
      return `apply(${op.manager}${op.force ? ',force' : ''}${op.dryRun ? ',dryRun' : ''})`;
    case 'get':
      return 'get';
    default:
      return `${op.op}${op.dryRun ? '(dryRun)' : ''}`;
  }
}
