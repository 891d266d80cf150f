import 'server-only';

export interface ServerEnv {
  /** Base URL of the Portico API (no trailing slash); paths under it start with `/api`. */
  apiUrl: string;
  /** Largest request body the `/api` proxy reads before answering 413 (`PORTICO_BODY_LIMIT`, as the API). */
  bodyLimitBytes: number;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `1mb`, `512kb`, `1048576` → bytes (the spelling the API's body parser accepts). */
export function parseByteSize(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!m) return null;
  return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
}

/**
 * The one place the web reads `process.env`. Read at request time, not build time, so one
 * `next build` serves every environment.
 */
export function serverEnv(): ServerEnv {
  const raw = process.env.API_URL?.trim() || 'http://127.0.0.1:4000';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`API_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL must use http or https, got "${raw}"`);
  }
  const limitRaw = process.env.PORTICO_BODY_LIMIT?.trim() || '1mb';
  const bodyLimitBytes = parseByteSize(limitRaw);
  if (bodyLimitBytes === null || bodyLimitBytes < 1) throw new Error(`PORTICO_BODY_LIMIT must be a size such as 1mb or 512kb, got "${limitRaw}"`);
  return { apiUrl: raw.replace(/\/+$/, ''), bodyLimitBytes };
}
