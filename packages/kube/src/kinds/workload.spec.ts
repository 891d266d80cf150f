import { describe, expect, it } from 'vitest';
import { courseObject } from '../../test/course-objects.js';
import { containerImages, containerPorts, podLabels, selectsPods, workloadSelector } from './workload.js';

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
});
