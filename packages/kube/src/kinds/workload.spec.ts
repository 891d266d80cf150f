import { describe, expect, it } from 'vitest';
import { courseObject } from '../../test/course-objects.js';
import { containerImages, containerPorts, podLabels, selectsPods, workloadContainers, workloadLabelSelector, workloadReplicas, workloadSelector } from './workload.js';

describe('workload readers', () => {
  it('read the course Deployment image-backend: selector, template labels, named port', () => {
    const d = courseObject('Deployment', 'image-backend');
    expect(workloadSelector(d)).toEqual({ app: 'image-backend' });
    expect(podLabels(d)).toEqual({ app: 'image-backend' });
    expect(containerImages(d)).toEqual(['example/image-processor:1.0']);
    expect(containerPorts(d)).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
  });

  it('read the course Pod my-app: its own labels and ports', () => {
    const pod = courseObject('Pod', 'my-app');
    expect(podLabels(pod)).toEqual({ app: 'my-app' });
    expect(containerPorts(pod)).toEqual([{ containerPort: 80, name: null, protocol: 'TCP' }]);
    expect(containerImages(pod)).toEqual(['nginx']);
  });

  it('tell whether a Service selector selects the pods (course my-app-service selects the Pod my-app)', () => {
    expect(selectsPods({ app: 'my-app' }, courseObject('Pod', 'my-app'))).toBe(true);
    expect(selectsPods({ app: 'my-app' }, courseObject('Deployment', 'kuard'))).toBe(false);
    expect(selectsPods({}, courseObject('Pod', 'my-app'))).toBe(false);
  });

  it('list init containers after containers', () => {
    const ds = { spec: { template: { spec: { initContainers: [{ image: 'docker.io/calico/cni:v3.29.0' }], containers: [{ image: 'docker.io/calico/node:v3.29.0' }] } } } };
    expect(containerImages(ds)).toEqual(['docker.io/calico/node:v3.29.0', 'docker.io/calico/cni:v3.29.0']);
  });

  it('read malformed fields as absent', () => {
    const bad = {
      metadata: { labels: 'x' },
      spec: {
        selector: { matchLabels: { app: 1 } },
        template: { metadata: 'x', spec: { containers: [null, { image: 3, ports: [null, { containerPort: '80' }, { containerPort: 81, protocol: 4 }] }], initContainers: {} } },
      },
    };
    expect(workloadSelector(bad)).toEqual({});
    expect(podLabels(bad)).toEqual({});
    expect(containerImages(bad)).toEqual([]);
    expect(containerPorts(bad)).toEqual([{ containerPort: 81, name: null, protocol: 'TCP' }]);
  });

  it('read the course Deployment my-app: replicas, full selector, containers with their ports', () => {
    const d = courseObject('Deployment', 'my-app');
    expect(workloadReplicas('Deployment', d)).toEqual({ desired: 2, ready: 0 });
    expect(workloadReplicas('Deployment', { ...d, status: { readyReplicas: 2 } })).toEqual({ desired: 2, ready: 2 });
    expect(workloadLabelSelector(d)).toEqual({ matchLabels: { app: 'my-app' }, matchExpressions: [] });
    expect(workloadContainers(d)).toEqual([{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080, name: null, protocol: 'TCP' }] }]);
  });

  it('default replicas to 1, and read a DaemonSet from its status', () => {
    expect(workloadReplicas('StatefulSet', { spec: {} })).toEqual({ desired: 1, ready: 0 });
    expect(workloadReplicas('DaemonSet', { spec: { replicas: 5 }, status: { desiredNumberScheduled: 3, numberReady: 2 } })).toEqual({ desired: 3, ready: 2 });
  });

  it('read matchExpressions, dropping requirements without a key or operator', () => {
    // The Kubernetes docs' set-based example.
    const selector = {
      matchLabels: { component: 'redis' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['cache'] }, { key: 'environment', operator: 'NotIn', values: ['dev'] }, { key: 'x', operator: 'Exists' }, { operator: 'In' }, null],
    };
    expect(workloadLabelSelector({ spec: { selector } })).toEqual({
      matchLabels: { component: 'redis' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['cache'] },
        { key: 'environment', operator: 'NotIn', values: ['dev'] },
        { key: 'x', operator: 'Exists', values: [] },
      ],
    });
  });

  it('keep the ports of each container with it, and not the init containers', () => {
    const pod = {
      spec: {
        initContainers: [{ name: 'init', ports: [{ containerPort: 1 }] }],
        containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }, { name: 'b', image: 'x', ports: [{ containerPort: 53, protocol: 'UDP' }] }, 'bad'],
      },
    };
    expect(workloadContainers(pod)).toEqual([
      { name: 'a', image: null, ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] },
      { name: 'b', image: 'x', ports: [{ containerPort: 53, name: null, protocol: 'UDP' }] },
      { name: null, image: null, ports: [] },
    ]);
  });
});
