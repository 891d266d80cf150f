import type { TCertificateSummary, TGenericSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import { bodyOf, summaryOf } from './inventory-row.js';

const DAY_MS = 86_400_000;

/** A TLS Secret's certificate (parsed by the worker from tls.crt; the key was never read). */
export function toCertificateSummary(row: InventoryRow, now = Date.now()): TCertificateSummary {
  const body = bodyOf(row);
  const cert = (body.certificate ?? {}) as { subject?: string; issuer?: string; dnsNames?: string[]; notBefore?: string; notAfter?: string };
  const notAfter = cert.notAfter ?? null;
  return summaryOf(row, {
    subject: cert.subject ?? null,
    issuer: cert.issuer ?? null,
    dnsNames: cert.dnsNames ?? [],
    notBefore: cert.notBefore ?? null,
    notAfter,
    daysLeft: notAfter ? Math.floor((Date.parse(notAfter) - now) / DAY_MS) : null,
    managedBy: body.metadata?.annotations?.['cert-manager.io/certificate-name'] ?? null,
  });
}

/**
 * Gateway API kinds and NetworkPolicies: the few facts a list shows, under `details`.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function toGenericSummary(row: InventoryRow): TGenericSummary {
  const spec = (bodyOf(row).spec ?? {}) as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  switch (row.resource) {
    case 'gatewayclasses':
      details.controllerName = spec.controllerName ?? null;
      break;
    case 'gateways':
      details.gatewayClassName = spec.gatewayClassName ?? null;
      details.listeners = ((spec.listeners as { name?: string; port?: number; protocol?: string; hostname?: string }[] | undefined) ?? []).map((l) => ({ name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname ?? null }));
      break;
    case 'httproutes':
      details.parentRefs = ((spec.parentRefs as { name?: string; namespace?: string; sectionName?: string }[] | undefined) ?? []).map((p) => ({ name: p.name, namespace: p.namespace ?? null, sectionName: p.sectionName ?? null }));
      details.backends = ((spec.rules as { backendRefs?: { name?: string; port?: number; weight?: number }[] }[] | undefined) ?? []).flatMap((r) => r.backendRefs ?? []).map((b) => ({ name: b.name, port: b.port ?? null, weight: b.weight ?? 1 }));
      break;
    case 'networkpolicies':
      details.podSelector = (spec.podSelector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
      details.policyTypes = spec.policyTypes ?? [];
      details.ingressRules = ((spec.ingress as unknown[] | undefined) ?? []).length;
      details.egressRules = ((spec.egress as unknown[] | undefined) ?? []).length;
      break;
  }
  return summaryOf(row, { hosts: row.hosts, details });
}
