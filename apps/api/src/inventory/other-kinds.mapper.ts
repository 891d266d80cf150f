import type { TGenericSummary, TTlsSecretSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import {
  certificateDnsNames,
  certificateIssuerRef,
  certificateSecretName,
  gatewayClassController,
  gatewayClassNameOf,
  gatewayListeners,
  httpRouteBackendRefs,
  httpRouteParentRefs,
  httpRouteParentStatus,
  ingressClassController,
  isDefaultIngressClass,
  managingCertificate,
  networkPolicyPodSelector,
  networkPolicyRuleCounts,
  networkPolicyTypes,
  referenceGrantFrom,
  referenceGrantTo,
  storedCertificateFacts,
} from '@portico/kube';
import { daysUntil, summaryOf } from './inventory-row.js';

/** A TLS Secret's certificate (parsed by the worker from tls.crt; the key was never read). */
export function toTlsSecretSummary(row: InventoryRow, now = Date.now()): TTlsSecretSummary {
  const body = row.body;
  const cert = storedCertificateFacts(body);
  return summaryOf(row, {
    kind: 'Secret' as const,
    ...cert,
    daysLeft: daysUntil(cert.notAfter, now),
    managedBy: managingCertificate(body),
  });
}

/**
 * Gateway API kinds, IngressClasses, cert-manager Certificates and NetworkPolicies: the few
 * facts a list or page shows, under `details`.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
 * @see https://cert-manager.io/docs/usage/certificate/
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
      details.parentStatus = httpRouteParentStatus(body);
      break;
    case 'referencegrants':
      details.from = referenceGrantFrom(body);
      details.to = referenceGrantTo(body);
      break;
    case 'ingressclasses':
      details.controller = ingressClassController(body);
      details.clusterDefault = isDefaultIngressClass(body);
      break;
    case 'certificates':
      details.secretName = certificateSecretName(body);
      details.dnsNames = certificateDnsNames(body);
      details.issuerRef = certificateIssuerRef(body);
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
