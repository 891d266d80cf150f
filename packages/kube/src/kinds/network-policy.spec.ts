import { describe, expect, it } from 'vitest';
import { networkPolicyPodSelector, networkPolicyRuleCounts, networkPolicyTypes } from './network-policy.js';

// The Kubernetes documentation's test-network-policy example.
const policy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'test-network-policy', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  },
};

describe('NetworkPolicy readers', () => {
  it('read selector, types and rule counts', () => {
    expect(networkPolicyPodSelector(policy)).toEqual({ role: 'db' });
    expect(networkPolicyTypes(policy)).toEqual(['Ingress', 'Egress']);
    expect(networkPolicyRuleCounts(policy)).toEqual({ ingress: 1, egress: 1 });
  });

  it('read an empty selector (every pod) and malformed fields as absent', () => {
    expect(networkPolicyPodSelector({ spec: { podSelector: {} } })).toEqual({});
    const bad = { spec: { podSelector: 'x', policyTypes: 'Ingress', ingress: {}, egress: null } };
    expect(networkPolicyPodSelector(bad)).toEqual({});
    expect(networkPolicyTypes(bad)).toEqual([]);
    expect(networkPolicyRuleCounts(bad)).toEqual({ ingress: 0, egress: 0 });
  });
});
