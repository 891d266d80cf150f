/**
 * NetworkPolicy: which pods it selects, which directions it governs, how many rules it has.
 * The coming NetworkPolicy builders and apiserver-grade validators live here too.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * @see https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { type Untrusted, dictOf, listOf, specOf, stringMap, strings } from './common.js';

/** `spec.podSelector.matchLabels`; empty selects every pod of the namespace. */
export const networkPolicyPodSelector = (policy: Untrusted<V1NetworkPolicy>): Record<string, string> => stringMap(dictOf(specOf(policy).podSelector).matchLabels);

/** `spec.policyTypes` as written (`Ingress`, `Egress`). */
export const networkPolicyTypes = (policy: Untrusted<V1NetworkPolicy>): string[] => strings(listOf(specOf(policy).policyTypes));

/** How many ingress and egress rules the policy lists. */
export function networkPolicyRuleCounts(policy: Untrusted<V1NetworkPolicy>): { ingress: number; egress: number } {
  const spec = specOf(policy);
  return { ingress: listOf(spec.ingress).length, egress: listOf(spec.egress).length };
}
