import type { TChange, TChangePreview } from '@portico/contracts';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/** Calls to the change pipeline as an automation client would make them (bearer token). */
export function changesClient(t: TestApp, token: string, clusterId: string) {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    clusterId,
    preview: (change: object) => t.http().post(`/api/v1/clusters/${clusterId}/changes/preview`).set(auth).send({ change }),
    submit: (body: object, idempotencyKey?: string) => {
      const req = t.http().post(`/api/v1/clusters/${clusterId}/changes`).set(auth);
      return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send(body);
    },
    get: (id: string) => t.http().get(`/api/v1/changes/${id}`).set(auth),
    list: (query = '') => t.http().get(`/api/v1/changes${query}`).set(auth),
    action: (id: string, action: 'cancel' | 'revert' | 'approve' | 'reject', body?: object) => {
      const req = t.http().post(`/api/v1/changes/${id}/${action}`).set(auth);
      return body ? req.send(body) : req;
    },
    /** Submits with the precondition the preview gave, and returns the accepted change. */
    async previewAndSubmit(change: object, extra: object = {}): Promise<{ preview: TChangePreview; change: TChange }> {
      const preview = await this.preview(change);
      if (preview.status !== 200) throw new Error(`preview ${preview.status}: ${JSON.stringify(preview.body)}`);
      const p = preview.body as TChangePreview;
      const submitted = await this.submit({ change, baseResourceVersion: p.baseResourceVersion, ...extra });
      if (submitted.status !== 202) throw new Error(`submit ${submitted.status}: ${JSON.stringify(submitted.body)}`);
      return { preview: p, change: submitted.body as TChange };
    },
    /** Waits until the change is in a final state and returns it. */
    async settled(id: string, timeoutMs = 30_000): Promise<TChange> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await this.get(id);
        const change = res.body as TChange;
        if (['applied', 'failed', 'cancelled', 'rejected'].includes(change.state)) return change;
        if (Date.now() > deadline) throw new Error(`change ${id} still ${change.state} after ${timeoutMs} ms: ${JSON.stringify(change.error)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
export type ChangesClient = ReturnType<typeof changesClient>;

/** Each change is refused by preview and by submit with a 400 problem+json naming `field` (run while the cluster fails every request: nothing reached it). */
export async function expectRefusedOnFields(client: ChangesClient, cases: [object, string][]): Promise<void> {
  for (const [change, field] of cases) {
    for (const res of [await client.preview(change), await client.submit({ change })]) {
      expect(res.status, `${JSON.stringify(change)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toContain(field);
    }
  }
}
