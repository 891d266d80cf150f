/** Shared shapes and readers for the cert-manager tests. */
import { X509Certificate } from 'node:crypto';
import type { KubeObject } from '../src/index.js';

export interface Cond {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface CertStatus {
  conditions?: Cond[];
  notBefore?: string;
  notAfter?: string;
  renewalTime?: string;
  revision?: number;
}

export const condOf = (status: unknown, type: string) => ((status as { conditions?: Cond[] } | undefined)?.conditions ?? []).find((c) => c.type === type);

/** The PEM blocks of a base64 `tls.crt`, leaf first. */
export const pemsOf = (b64: string) =>
  Buffer.from(b64, 'base64')
    .toString()
    .split(/(?<=-----END CERTIFICATE-----\n)/);

/** The certificates in a TLS Secret's `tls.crt`, leaf first. */
export function chainOf(secret: KubeObject | undefined): X509Certificate[] {
  const data = secret?.data as Record<string, string> | undefined;
  if (!data?.['tls.crt']) throw new Error('no tls.crt');
  return pemsOf(data['tls.crt']).map((p) => new X509Certificate(p));
}
