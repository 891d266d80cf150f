/**
 * The workloads and Services that `kubectl expose` and Portico's expose are compared on, shared by
 * the builder's equivalence test (here) and the API's (apps/api/test/expose-equivalence.e2e.test.ts).
 */
export const container = (name: string, ports: { containerPort: number; protocol?: string; name?: string }[]) => ({ name, image: 'registry.example/app:1', ports });
export const podTemplate = (labels: Record<string, string>, containers: unknown[]) => ({ metadata: { labels }, spec: { containers } });

/** The sources every expose case starts from, to be created in `namespace` (REST paths from the server's root). */
export const exposeSources = (namespace: string): { path: string; body: Record<string, unknown> }[] => [
  {
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web', team: 'shop' } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web', version: 'v1' }, [container('web', [{ containerPort: 8080, name: 'http' }])]) },
    },
  },
  {
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'multi', labels: { app: 'multi' } },
      spec: {
        selector: { matchLabels: { app: 'multi', tier: 'edge' } },
        template: podTemplate({ app: 'multi', tier: 'edge' }, [
          container('proxy', [
            { containerPort: 80, name: 'http' },
            { containerPort: 443, name: 'https' },
          ]),
          container('dns', [{ containerPort: 53, protocol: 'UDP', name: 'dns' }]),
          container('metrics', [{ containerPort: 9090, name: 'metrics' }]),
        ]),
      },
    },
  },
  {
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'portless', labels: { app: 'portless' } },
      spec: { selector: { matchLabels: { app: 'portless' } }, template: podTemplate({ app: 'portless' }, [{ name: 'worker', image: 'registry.example/worker:1' }]) },
    },
  },
  {
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'expressions' },
      spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['expressions'] }] }, template: podTemplate({ app: 'expressions' }, [container('app', [{ containerPort: 8080 }])]) },
    },
  },
  {
    path: `/apis/apps/v1/namespaces/${namespace}/replicasets`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', labels: { app: 'rs' } },
      spec: { selector: { matchLabels: { app: 'rs' } }, template: podTemplate({ app: 'rs' }, [container('app', [{ containerPort: 5000 }])]) },
    },
  },
  {
    path: `/api/v1/namespaces/${namespace}/pods`,
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod', labels: { run: 'pod' } },
      spec: { containers: [container('app', [{ containerPort: 3000 }, { containerPort: 3001, protocol: 'SCTP' }])] },
    },
  },
  {
    path: `/api/v1/namespaces/${namespace}/services`,
    body: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', labels: { app: 'web', exposed: 'yes' } },
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'web', port: 80, targetPort: 8080 },
          { name: 'dns', port: 53, protocol: 'UDP' },
        ],
      },
    },
  },
];
