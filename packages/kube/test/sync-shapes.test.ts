/**
 * The catalogue's list and watch paths against the simulator (course scenario), and what the
 * worker does with the answers: slim every item, read TLS certificates before slimming.
 */
import { Watch, type KubernetesListObject, type KubernetesObject, type V1IngressClass, type V1Secret } from '@kubernetes/client-node';
import { startSimulator, type Simulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectionPath,
  connectionFromToken,
  ingressControllers,
  KubeClient,
  listPath,
  RESOURCE_LIST,
  RESOURCES,
  slimObject,
  tlsSecretCertificate,
  watchPath,
  watchQuery,
  type WatchEvent,
} from '../src/index.js';
import { kubeConfigFor } from '../src/kubeconfig-client.js';
import { LOOPBACK_ALLOWED } from './fixtures.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course' });
  await sim.settle();
});

afterAll(async () => {
  await sim?.close();
});

const readonlyConnection = () => connectionFromToken({ server: sim.url, token: sim.tokens.readonly, caPem: sim.caPem });

async function list<T extends KubernetesObject>(path: string): Promise<KubernetesListObject<T>> {
  const client = new KubeClient(readonlyConnection(), { addressPolicy: LOOPBACK_ALLOWED });
  try {
    return (await client.getJson(path)).body as KubernetesListObject<T>;
  } finally {
    await client.close();
  }
}

describe('catalogue against the simulator', () => {
  it('lists every catalogued kind cluster-wide with the read-only token', async () => {
    for (const r of RESOURCE_LIST) {
      const page = await list(listPath(r, { limit: 500 }));
      expect(Array.isArray(page.items), r.key).toBe(true);
      expect(page.metadata?.resourceVersion, r.key).toMatch(/^\d+$/);
      for (const item of page.items) expect(JSON.stringify(slimObject(item, r.kind))).not.toContain('managedFields');
    }
    const services = await list(listPath(RESOURCES.services));
    expect(services.items.map((s) => s.metadata?.name)).toEqual(expect.arrayContaining(['kubernetes', 'kuard']));
  });

  it('reads the cert-manager-issued TLS Secret, then slims it to key names only', async () => {
    const secrets = await list<V1Secret>(listPath(RESOURCES.secrets));
    expect(secrets.items.length).toBeGreaterThan(0);
    for (const s of secrets.items) expect(s.type).toBe('kubernetes.io/tls'); // the field selector works
    const secret = secrets.items.find((s) => s.metadata?.name === 'quickstart-example-tls');
    expect(secret).toBeDefined();
    if (!secret) return;
    const cert = tlsSecretCertificate(secret);
    expect(cert.ok && cert.certificate.dnsNames).toContain('example.example.com');
    const slim = slimObject(secret, 'Secret');
    expect(slim.dataKeys).toEqual(expect.arrayContaining(['tls.crt', 'tls.key']));
    expect(JSON.stringify(slim)).not.toContain(secret.data?.['tls.key']);
  });

  it('summarises the Ingress classes', async () => {
    const classes = await list<V1IngressClass>(listPath(RESOURCES.ingressclasses));
    const info = ingressControllers(classes.items);
    expect(info.map((c) => c.name)).toContain('nginx');
  });

  it('streams a watch from a list resourceVersion with KubeClient', async () => {
    const client = new KubeClient(readonlyConnection(), { addressPolicy: LOOPBACK_ALLOWED });
    const page = await list(listPath(RESOURCES.services, { limit: 1 }));
    const controller = new AbortController();
    const events: WatchEvent[] = [];
    const ended = client.watch(
      watchPath(RESOURCES.services, { namespace: 'demo', resourceVersion: page.metadata?.resourceVersion }),
      (e) => {
        events.push(e);
        if (e.type === 'ADDED' && (e.object.metadata as { name?: string }).name === 'watched-by-portico') controller.abort();
      },
      { signal: controller.signal },
    );
    setTimeout(() => sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'watched-by-portico', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } }), 50);
    await expect(ended).rejects.toMatchObject({ name: 'AbortError' });
    expect(events.map((e) => [e.type, (e.object.metadata as { name?: string }).name])).toContainEqual(['ADDED', 'watched-by-portico']);
    await client.close();
  });

  it('reports an expired resourceVersion as a 410 ERROR event', async () => {
    const client = new KubeClient(readonlyConnection(), { addressPolicy: LOOPBACK_ALLOWED });
    sim.faults.expireNextWatch();
    const events: WatchEvent[] = [];
    await client.watch(watchPath(RESOURCES.services, { resourceVersion: '1' }), (e) => {
      events.push(e);
    });
    expect(events.at(-1)).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410 } });
    await client.close();
  });

  it('watches from a list resourceVersion with client-node Watch', async () => {
    const kc = kubeConfigFor(readonlyConnection());
    const page = await list(listPath(RESOURCES.services, { limit: 1 }));
    const events: { type: string; name?: string }[] = [];
    const watch = new Watch(kc);
    const seen = new Promise<void>((resolve, reject) => {
      const controller = watch.watch(
        collectionPath(RESOURCES.services, 'demo'),
        watchQuery(RESOURCES.services, { resourceVersion: page.metadata?.resourceVersion }),
        (type: string, obj: KubernetesObject) => {
          events.push({ type, name: obj.metadata?.name });
          if (type === 'ADDED' && obj.metadata?.name === 'watched') {
            void controller.then((c) => c.abort());
            resolve();
          }
        },
        (err: unknown) => {
          // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a non-Error rejection, as String() prints it.
          if (err && !(err instanceof Error && err.name === 'AbortError')) reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
      void controller.then(() => {
        sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'watched', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
      }, reject);
    });
    await seen;
    expect(events).toContainEqual({ type: 'ADDED', name: 'watched' });
  });
});
