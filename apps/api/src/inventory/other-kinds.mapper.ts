import type { TCertificateSummary, TGenericSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import {
  gatewayClassController,
  gatewayClassNameOf,
  gatewayListeners,
  httpRouteBackendRefs,
  httpRouteParentRefs,
  managingCertificate,
  networkPolicyPodSelector,
  networkPolicyRuleCounts,
  networkPolicyTypes,
  storedCertificateFacts,
} from '@portico/kube';
import { summaryOf } from './inventory-row.js';

const DAY_MS = 86_400_000;

/** A TLS Secret's certificate (parsed by the worker from tls.crt; the key was never read). */
export function toCertificateSummary(row: InventoryRow, now = Date.now()): TCertificateSummary {
  const body = row.body;
  const cert = storedCertificateFacts(body);
  return summaryOf(row, {
    ...cert,
    daysLeft: cert.notAfter ? Math.floor((Date.parse(cert.notAfter) - now) / DAY_MS) : null,
    managedBy: managingCertificate(body),
  });
}

/**
 * Gateway API kinds and NetworkPolicies: the few facts a list shows, under `details`.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function toGenericSummary(row: InventoryRow): TGenericSummary {
  const body = row.body;
  const details: Record<string, unknown> = {};
  switch (row.resource) {
    case 'gatewayclasses':
      details.controllerName = gatewayClassController(body);
      break;
    case 'gateways':
      details.gatewayClassName = gatewayClassNameOf(body);
      details.listeners = gatewayListeners(body);
      break;
    case 'httproutes':
      details.parentRefs = httpRouteParentRefs(body).map((p) => ({ name: p.name, namespace: p.namespace ?? null, sectionName: p.sectionName ?? null }));
      details.backends = httpRouteBackendRefs(body).map((b) => ({ name: b.name, port: b.port ?? null, weight: b.weight }));
      break;
    case 'networkpolicies': {
      const rules = networkPolicyRuleCounts(body);
      details.podSelector = networkPolicyPodSelector(body);
      details.policyTypes = networkPolicyTypes(body);
      details.ingressRules = rules.ingress;
      details.egressRules = rules.egress;
      break;
    }
  }
  return summaryOf(row, { hosts: row.hosts, details });
}
