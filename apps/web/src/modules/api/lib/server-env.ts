import 'server-only';

export interface ServerEnv {
  /** Base URL of the Portico API (no trailing slash); paths under it start with `/api`. */
  apiUrl: string;
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
  return { apiUrl: raw.replace(/\/+$/, '') };
}
