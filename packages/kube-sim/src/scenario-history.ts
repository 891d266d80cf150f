/**
 * Scenario history: objects annotated `kube-sim.portico.dev/created-ago: 80d` (and optionally
 * `kube-sim.portico.dev/deleted-ago: 30d`) are created (deleted) that long before the simulator
 * starts. The loader sets the simulated clock back to the earliest moment and walks it forward
 * through every creation, deletion, certificate renewal time and expiry, letting the controllers
 * settle at each step, so ages are produced by cert-manager's own behaviour (issuance, renewals,
 * a renewal stuck behind a broken issuer) rather than written into objects. A document with
 * `deleted-ago` and no `created-ago` records only a deletion, of an object a controller made
 * (e.g. the Secret cert-manager issued). The annotations are removed before objects are stored.
 */
import type { SimClock } from './clock.js';
import { dig, type KubeObject } from './types.js';

export const CREATED_AGO = 'kube-sim.portico.dev/created-ago';
export const DELETED_AGO = 'kube-sim.portico.dev/deleted-ago';
const DAY = 86400_000;

/** `80d`, `36h`, `90m`, `45s` or combinations (`1d12h`). */
export function parseAgo(text: string): number {
  const re = /(\d+)(d|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * { d: DAY, h: 3600_000, m: 60_000, s: 1000 }[m[2] as 'd' | 'h' | 'm' | 's'];
    consumed += m[0].length;
  }
  if (!consumed || consumed !== text.length) throw new Error(`invalid duration "${text}" (use e.g. 80d, 36h, 1d12h)`);
  return total;
}

export interface HistoryHooks {
  create(obj: KubeObject): void;
  remove(obj: KubeObject): void;
  /** Instants (ms) after `now` at which controllers would act by themselves (renewals, expiry). */
  upcoming(): number[];
  settle(): Promise<void>;
}

interface Step {
  at: number;
  run: () => void;
}

function stripped(o: KubeObject): KubeObject {
  const annotations = { ...o.metadata.annotations };
  delete annotations[CREATED_AGO];
  delete annotations[DELETED_AGO];
  return { ...o, metadata: { ...o.metadata, annotations: Object.keys(annotations).length ? annotations : undefined } };
}

/** Creates the scenario's objects, replaying their history on `clock` when they have one. */
export async function loadWithHistory(objects: KubeObject[], clock: SimClock, hooks: HistoryHooks): Promise<void> {
  const start = clock.nowMs();
  const realStart = Date.now();
  const steps: Step[] = [];
  for (const o of objects) {
    const created = dig(o, 'metadata', 'annotations', CREATED_AGO);
    const deleted = dig(o, 'metadata', 'annotations', DELETED_AGO);
    const obj = stripped(o);
    if (typeof created === 'string' || typeof deleted !== 'string') steps.push({ at: start - (typeof created === 'string' ? parseAgo(created) : 0), run: () => hooks.create(obj) });
    if (typeof deleted === 'string') steps.push({ at: start - parseAgo(deleted), run: () => hooks.remove(obj) });
  }
  // Stable: same-instant steps keep document order.
  steps.sort((a, b) => a.at - b.at);
  if (!steps.length) return;
  if (steps[0].at >= start) {
    for (const s of steps) s.run();
    return;
  }
  let i = 0;
  let t = steps[0].at;
  clock.set(t);
  for (;;) {
    for (; i < steps.length && steps[i].at <= t; i++) steps[i].run();
    await hooks.settle();
    if (t >= start) break;
    const next = Math.min(steps[i]?.at ?? start, start, ...hooks.upcoming().filter((u) => u > t));
    t = next;
    clock.set(t);
  }
  // Back to where the clock would be had no history been replayed.
  clock.set(start + (Date.now() - realStart));
  await hooks.settle();
}
