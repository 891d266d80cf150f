import type { V1Deployment, V1Node, V1NodeSystemInfo, V1Secret, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION, slimObject } from './slim.js';

const secret: V1Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/tls',
  metadata: {
    name: 'shop-tls',
    namespace: 'shop',
    annotations: {
      'cert-manager.io/issuer-name': 'letsencrypt',
      // kubectl apply keeps the whole manifest, values included.
      [LAST_APPLIED_ANNOTATION]: '{"apiVersion":"v1","data":{"tls.key":"LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t"},"kind":"Secret"}',
    },
    managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }],
  },
  data: { 'tls.crt': 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t', 'tls.key': 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t' },
  stringData: { 'ca.crt': 'plain' },
};

describe('slimObject', () => {
  it('keeps no Secret value anywhere, only key names', () => {
    const slim = slimObject(secret);
    expect(slim.dataKeys).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    expect(slim).not.toHaveProperty('data');
    expect(slim).not.toHaveProperty('stringData');
    expect(slim.metadata?.managedFields).toBeUndefined();
    expect(slim.metadata?.annotations).toEqual({ 'cert-manager.io/issuer-name': 'letsencrypt' });
    const text = JSON.stringify(slim);
    expect(text).not.toContain('LS0t');
    expect(text).not.toContain('plain');
    expect(slim.type).toBe('kubernetes.io/tls');
  });

  it('recognises Secrets from list items, which have no kind', () => {
    const { kind: _kind, apiVersion: _apiVersion, ...item } = secret;
    expect(JSON.stringify(slimObject(item))).not.toContain('LS0t');
    expect(JSON.stringify(slimObject(item, 'Secret'))).not.toContain('LS0t');
  });

  it('does not modify its input', () => {
    const before = structuredClone(secret);
    slimObject(secret);
    expect(secret).toEqual(before);
    const node = {
      kind: 'Node',
      metadata: { name: 'n1', managedFields: [{ manager: 'kubelet' }], annotations: { [LAST_APPLIED_ANNOTATION]: '{}', keep: 'me' } },
      status: { images: [{ names: ['x'] }], nodeInfo: { kubeletVersion: 'v1.31.0' } },
    };
    const nodeBefore = structuredClone(node);
    expect(slimObject(node)).toEqual({ kind: 'Node', metadata: { name: 'n1', annotations: { keep: 'me' } }, status: { nodeInfo: { kubeletVersion: 'v1.31.0' } } });
    expect(node).toEqual(nodeBefore);
  });

  it('drops bookkeeping from other kinds and keeps the rest', () => {
    const svc: V1Service = {
      metadata: { name: 'web', namespace: 'shop', annotations: { [LAST_APPLIED_ANNOTATION]: '{}' }, managedFields: [{ manager: 'kubectl' }] },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    };
    expect(slimObject(svc, 'Service')).toEqual({ metadata: { name: 'web', namespace: 'shop' }, spec: svc.spec });
  });

  it('drops the image list of Nodes', () => {
    const node: V1Node = { kind: 'Node', metadata: { name: 'n1' }, status: { images: [{ names: ['nginx:1.27'], sizeBytes: 1 }], nodeInfo: { kubeletVersion: 'v1.31.9' } as V1NodeSystemInfo } };
    const slim = slimObject(node);
    expect(slim.status?.images).toBeUndefined();
    expect(slim.status?.nodeInfo?.kubeletVersion).toBe('v1.31.9');
  });

  it("drops a CertificateRequest's CSR and issued PEMs, keeps its conditions and annotations", () => {
    const cr = {
      metadata: { name: 'web-1', annotations: { 'cert-manager.io/certificate-revision': '1' } },
      spec: { request: 'LS0tLS1CRUdJTi...', issuerRef: { name: 'ca' } },
      status: { certificate: 'LS0t...', ca: 'LS0t...', conditions: [{ type: 'Ready', status: 'True', reason: 'Issued' }] },
    };
    expect(slimObject(cr, 'CertificateRequest')).toEqual({
      metadata: { name: 'web-1', annotations: { 'cert-manager.io/certificate-revision': '1' } },
      spec: { issuerRef: { name: 'ca' } },
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Issued' }] },
    });
    expect(cr.spec.request).toBe('LS0tLS1CRUdJTi...');
  });

  it('leaves a ConfigMap data alone (no type field)', () => {
    expect(slimObject({ metadata: { name: 'cm' }, data: { a: '1' } } as { metadata: { name: string }; data: Record<string, string> })).toHaveProperty('data.a', '1');
  });

  describe('workloads', () => {
    const deployment: V1Deployment = {
      metadata: { name: 'api', namespace: 'shop', labels: { app: 'api' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api', tier: 'backend' }, annotations: { 'vault.hashicorp.com/agent-inject-secret-db': 'secret/db' } },
          spec: {
            serviceAccountName: 'api',
            containers: [
              {
                name: 'api',
                image: 'registry.example/api:1.2',
                ports: [{ name: 'http', containerPort: 8080 }],
                env: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
                envFrom: [{ secretRef: { name: 'api-env' } }],
                command: ['/api', '--token=abc'],
                args: ['--password=hunter2'],
                readinessProbe: { httpGet: { path: '/ready', port: 8080, httpHeaders: [{ name: 'Authorization', value: 'Bearer abc' }] } },
              },
            ],
            initContainers: [{ name: 'migrate', image: 'registry.example/api:1.2', env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }],
            volumes: [{ name: 'cfg', csi: { driver: 'x', volumeAttributes: { password: 'hunter2' } } }],
          },
        },
      },
      status: { replicas: 3, readyReplicas: 2 },
    };

    it('keeps what inventory reads (selector, labels, images, ports, replicas, status) and no configuration', () => {
      expect(slimObject(deployment, 'Deployment')).toEqual({
        metadata: deployment.metadata,
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'api' } },
          template: {
            metadata: { labels: { app: 'api', tier: 'backend' } },
            spec: {
              serviceAccountName: 'api',
              containers: [{ name: 'api', image: 'registry.example/api:1.2', ports: [{ name: 'http', containerPort: 8080 }] }],
              initContainers: [{ name: 'migrate', image: 'registry.example/api:1.2' }],
            },
          },
        },
        status: { replicas: 3, readyReplicas: 2 },
      });
    });

    it.each(['Deployment', 'StatefulSet', 'DaemonSet'])('drops env, command, args, probes and volumes from a %s, list item or not', (kind) => {
      for (const slim of [slimObject(deployment, kind), slimObject({ ...deployment, kind })]) {
        const json = JSON.stringify(slim);
        for (const secret of ['hunter2', 'abc', 'api-env', 'vault.hashicorp.com']) expect(json).not.toContain(secret);
      }
    });

    it('does not modify its input, and leaves a malformed template alone', () => {
      const before = structuredClone(deployment);
      slimObject(deployment, 'Deployment');
      expect(deployment).toEqual(before);
      expect(slimObject({ metadata: { name: 'x' }, spec: { template: 'nonsense' } } as never, 'Deployment')).toEqual({ metadata: { name: 'x' }, spec: { template: 'nonsense' } });
    });
  });
});
