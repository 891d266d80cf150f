import type { TCertificateDetail, TCertificateState } from '@portico/contracts';

/** What each state means for this certificate and what to do, in plain words (docs/certificates.md says the same). */
export function explainState(state: TCertificateState, c: TCertificateDetail): string {
  switch (state) {
    case 'expired':
      return 'The certificate has expired: browsers refuse the sites that serve it. Renew it now.';
    case 'expiring':
      return `It expires in ${c.daysLeft ?? '?'} days. If cert-manager keeps it, check why it has not renewed; otherwise replace it.`;
    case 'renewal-overdue':
      return `cert-manager should have renewed it at ${c.certManager?.renewalTime ?? '?'} and has not${c.certManager?.requestMessage ? `: ${c.certManager.requestMessage}` : '.'}`;
    case 'not-ready':
      return `cert-manager reports the Certificate not Ready${c.certManager?.readyReason ? ` (${c.certManager.readyReason})` : ''}${c.certManager?.readyMessage ? `: ${c.certManager.readyMessage}` : '.'}`;
    case 'issuer-not-ready':
      return `Its issuer ${c.certManager?.issuerRef ? `${c.certManager.issuerRef.kind} ${c.certManager.issuerRef.name} ` : ''}is not Ready${c.certManager?.issuerMessage ? `: ${c.certManager.issuerMessage}` : '.'} Nothing it issues can be renewed until it is.`;
    case 'hosts-not-covered':
      return `Users reach it as ${c.uncoveredHosts.join(', ')}, which the certificate's DNS names do not cover: browsers show a name mismatch.`;
    case 'secret-missing':
      return `An Ingress or Gateway listener names the Secret ${c.namespace}/${c.secretName}, which does not exist: those hosts are served with the controller's default certificate.`;
    case 'weak-key':
      return `Its ${c.keyAlgorithm ?? ''} key has ${c.keySize ?? '?'} bits; RSA keys under 2048 bits are refused by current clients. Reissue with a stronger key.`;
    case 'chain-incomplete':
      return "The Secret holds no certificate for the leaf's issuer (the intermediate is missing): clients that do not already have it cannot verify the chain.";
    case 'intermediate-expires-first':
      return `An intermediate in the chain expires on ${c.intermediateNotAfter ?? '?'}, before the certificate itself: the chain breaks then.`;
  }
}
