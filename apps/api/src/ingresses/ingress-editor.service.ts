import { Injectable } from '@nestjs/common';
import type { TChangeCertificates, THostView, TIngressOptions } from '@portico/contracts';
import { type Db, type SqlPool, findChange, findCluster, findClusterObjects, findNamespaceObjects, findObjects, findObjectsListingHosts } from '@portico/db';
import { type Dict, annotatedIssuer, dictOf, ingressTls, isDict, metadataOf, storedCertificateFacts, stringOr } from '@portico/kube';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb, InjectSql } from '../database/database.module.js';
import { namesServing, routeFor, tlsFor } from './host-view.js';
import { readyStateOf, toCertificateState, toIngressClassOption, toIssuerOption, toServiceOption, toTlsSecretOption } from './ingress-editor.mapper.js';

/** The latest CertificateRequest of a Certificate: cert-manager numbers them by `cert-manager.io/certificate-revision`. */
function latestRequest(requests: { name: string; body: Dict }[], certificate: string) {
  const revision = (r: { body: Dict }) => Number(stringOr(dictOf(metadataOf(r.body).annotations)['cert-manager.io/certificate-revision'], '0')) || 0;
  return requests.filter((r) => dictOf(metadataOf(r.body).annotations)['cert-manager.io/certificate-name'] === certificate).sort((a, b) => revision(b) - revision(a))[0];
}

/**
 * The Ingress editor's reads, from the synced copy: what the form offers to pick, and what
 * cert-manager made of an applied Ingress's TLS entries (followed until Ready, or why not).
 */
@Injectable()
export class IngressEditorService {
  constructor(
    @InjectDb() private readonly db: Db,
    @InjectSql() private readonly sql: SqlPool,
  ) {}

  async options(caller: Principal, clusterId: string, namespace: string): Promise<TIngressOptions> {
    const org = caller.organizationId;
    if (!(await findCluster(this.db, org, clusterId))) throw new AppError('not_found', 'No such cluster in this organization.');
    const inNamespace = (resource: string) => findNamespaceObjects(this.sql, org, { clusterId, resource, namespace });
    const [classes, services, issuers, clusterIssuers, secrets] = await Promise.all([
      findClusterObjects(this.sql, org, clusterId, 'ingressclasses'),
      inNamespace('services'),
      inNamespace('issuers'),
      findClusterObjects(this.sql, org, clusterId, 'clusterissuers'),
      inNamespace('secrets'),
    ]);
    return {
      ingressClasses: classes.map(toIngressClassOption),
      services: services.map(toServiceOption),
      issuers: [...issuers.map((r) => toIssuerOption('Issuer', r)), ...clusterIssuers.map((r) => toIssuerOption('ClusterIssuer', r))],
      tlsSecrets: secrets.map(toTlsSecretOption),
    };
  }

  /** Every Ingress, HTTPRoute and Gateway listener serving `host` across the organization's clusters, with its TLS certificate. */
  async host(caller: Principal, host: string): Promise<THostView> {
    const org = caller.organizationId;
    const names = namesServing(host);
    const found = (await findObjectsListingHosts(this.sql, org, names)).flatMap((row) => {
      const r = routeFor(row, names);
      return r ? [{ ...r, clusterId: row.clusterId }] : [];
    });
    const refs = found.flatMap((f) => (f.tls ? [{ clusterId: f.clusterId, resource: 'secrets', namespace: f.tls.namespace, name: f.tls.name }] : []));
    const secrets = await findObjects(this.sql, org, refs);
    const routes = found.map((f) => {
      const secret = f.tls ? secrets.find((s) => s.clusterId === f.clusterId && s.namespace === f.tls?.namespace && s.name === f.tls.name) : undefined;
      return { ...f.route, tls: tlsFor(f.tls, secret ? storedCertificateFacts(secret.body) : undefined, host) };
    });
    return { host, routes };
  }

  async changeCertificates(caller: Principal, changeId: string): Promise<TChangeCertificates> {
    const org = caller.organizationId;
    const change = await findChange(this.db, org, changeId);
    if (!change) throw new AppError('not_found', 'No such change in this organization.');
    const ingress: Dict | undefined = [change.after as unknown, change.manifest as unknown].find(isDict);
    if (change.kind !== 'Ingress' || change.operation !== 'apply' || !ingress) return { items: [], issuer: null };
    const { clusterId, namespace } = change;
    const entries = ingressTls(ingress).filter((t): t is { hosts: string[]; secretName: string } => !!t.secretName);
    const [certificates, requests, secrets] = await Promise.all([
      findNamespaceObjects(this.sql, org, { clusterId, resource: 'certificates', namespace }),
      findNamespaceObjects(this.sql, org, { clusterId, resource: 'certificaterequests', namespace }),
      findObjects(
        this.sql,
        org,
        entries.map((t) => ({ clusterId, resource: 'secrets', namespace, name: t.secretName })),
      ),
    ]);
    const items = entries.map((t) => {
      // ingress-shim names the Certificate after the TLS entry's secretName.
      const certificate = certificates.find((c) => dictOf(c.body.spec).secretName === t.secretName) ?? null;
      const request = certificate ? latestRequest(requests, certificate.name) : undefined;
      const secret = secrets.find((s) => s.name === t.secretName);
      const facts = secret ? storedCertificateFacts(secret.body) : null;
      return {
        secretName: t.secretName,
        hosts: t.hosts,
        certificate: certificate ? toCertificateState(certificate) : null,
        request: request ? { name: request.name, ...readyStateOf(request.body) } : null,
        secret: facts ? { dnsNames: facts.dnsNames, notAfter: facts.notAfter } : null,
      };
    });
    return { items, issuer: annotatedIssuer(ingress) };
  }
}
