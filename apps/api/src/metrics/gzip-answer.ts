import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Whether an Accept-Encoding header takes gzip (`gzip;q=0` and `*;q=0` refuse it, RFC 9110 §12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard: boolean | undefined;
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') return accepted;
    if (coding === '*') wildcard = accepted;
  }
  return wildcard ?? false;
}

/**
 * A scrape of 10,000 certificates is ≈ 17 MB of text that gzip brings to ≈ 1/30th (530 kB); every Prometheus
 * server asks for gzip. Level 6 (zlib's default) costs far less CPU than rendering the text.
 */
export async function gzipIfAccepted(text: string, acceptEncoding: string | undefined, setHeader: (name: string, value: string) => void): Promise<string | Buffer> {
  setHeader('Vary', 'Accept-Encoding');
  if (!acceptsGzip(acceptEncoding)) return text;
  setHeader('Content-Encoding', 'gzip');
  return gzipAsync(text);
}
