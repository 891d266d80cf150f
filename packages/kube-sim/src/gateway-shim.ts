/**
 * cert-manager's gateway-shim: a Gateway annotated `cert-manager.io/issuer` or
 * `cert-manager.io/cluster-issuer` gets one Certificate per TLS Secret its HTTPS/TLS listeners
 * (mode Terminate, with a hostname) name in `certificateRefs` — named after the Secret, with the
 * hostnames of every listener sharing it, owned by the Gateway. Refs to another namespace are
 * skipped, as cert-manager does. Runs only while cert-manager's CRDs are installed.
 * @see https://cert-manager.io/docs/usage/gateway/
 */
import { ownerRef } from './controllers/controller.js';
import type { ObjectApi } from './object-api.js';
import { dig, isPlainObject, type JsonObject, type KubeObject } from './types.js';

export function gatewayShim(api: ObjectApi, gw: KubeObject): void {
  const certRt = api.registry.forKind('cert-manager.io/v1', 'Certificate');
  const gwRt = api.registry.forKind('gateway.networking.k8s.io/v1', 'Gateway');
  if (!certRt || !gwRt) return;
  const ann = gw.metadata.annotations ?? {};
  const issuer = ann['cert-manager.io/issuer'] ?? ann['cert-manager.io/cluster-issuer'];
  if (!issuer) return;
  const kind = ann['cert-manager.io/issuer'] ? (ann['cert-manager.io/issuer-kind'] ?? 'Issuer') : 'ClusterIssuer';
  const group = ann['cert-manager.io/issuer-group'] ?? 'cert-manager.io';
  const hostsBySecret = new Map<string, string[]>();
  for (const l of ((dig(gw, 'spec', 'listeners') as JsonObject[] | undefined) ?? []).filter(isPlainObject)) {
    const tls = isPlainObject(l.tls) ? l.tls : undefined;
    if (!tls || (tls.mode ?? 'Terminate') !== 'Terminate' || typeof l.hostname !== 'string' || l.hostname === '') continue;
    for (const ref of ((tls.certificateRefs as JsonObject[] | undefined) ?? []).filter(isPlainObject)) {
      if ((ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '' || (typeof ref.namespace === 'string' && ref.namespace !== gw.metadata.namespace)) continue;
      const name = String(ref.name);
      const hosts = hostsBySecret.get(name) ?? [];
      if (!hosts.includes(l.hostname)) hosts.push(l.hostname);
      hostsBySecret.set(name, hosts);
    }
  }
  for (const [secretName, dnsNames] of hostsBySecret) {
    const spec: JsonObject = { secretName, dnsNames, issuerRef: { name: issuer, kind, group }, usages: ['digital signature', 'key encipherment'] };
    if (ann['cert-manager.io/duration']) spec.duration = ann['cert-manager.io/duration'];
    if (ann['cert-manager.io/renew-before']) spec.renewBefore = ann['cert-manager.io/renew-before'];
    const existing = api.find(certRt, gw.metadata.namespace, secretName);
    if (existing && JSON.stringify(existing.spec) === JSON.stringify(spec)) continue;
    const cert: KubeObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: secretName, namespace: gw.metadata.namespace, ownerReferences: [ownerRef(gwRt, gw)], ...(existing ? { labels: existing.metadata.labels } : {}) },
      spec,
    };
    api.upsert(certRt, cert, 'cert-manager-gateway-shim');
  }
}
