/** Shared test helpers: raw HTTPS requests, watch streams, kubectl runs, waiting. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../src/index.js';

export interface Res<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export function request<T = Record<string, any>>(
  sim: Simulator,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string | null; contentType?: string; accept?: string } = {},
): Promise<Res<T>> {
  const data = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.url}${path}`,
      {
        method,
        ca: sim.caPem,
        headers: {
          ...(opts.token === null ? {} : { Authorization: `Bearer ${opts.token ?? sim.tokens.admin}` }),
          Accept: opts.accept ?? 'application/json',
          ...(data !== undefined ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T, text });
        });
      },
    );
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export interface WatchEvent {
  type: string;
  object: Record<string, any>;
}

/** Opens a watch; events accumulate in `events`; `close()` ends it. */
export function openWatch(sim: Simulator, path: string, opts: { token?: string; accept?: string } = {}) {
  const events: WatchEvent[] = [];
  let ended = false;
  let status = 0;
  let buf = '';
  const req = https.get(`${sim.url}${path}`, { ca: sim.caPem, headers: { Authorization: `Bearer ${opts.token ?? sim.tokens.admin}`, Accept: opts.accept ?? 'application/json' } }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buf += c;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
      }
    });
    res.on('end', () => (ended = true));
    res.on('close', () => (ended = true));
  });
  req.on('error', () => (ended = true));
  return {
    events,
    get ended() {
      return ended;
    },
    get status() {
      return status;
    },
    close: () => req.destroy(),
  };
}

export async function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever was thrown, as String() prints it.
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export function tempDir(prefix = 'kube-sim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

const homes: string[] = [];

/** Removes every temporary HOME that `makeKubectl` created in this test file. */
export function cleanupKubectlHomes(): void {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
}

/** Runs kubectl with its own kubeconfig file and HOME (so caches never leak between tests). */
export function makeKubectl(bin: string, kubeconfig: string) {
  const home = tempDir('kube-sim-home-');
  homes.push(home);
  const kc = join(home, 'kubeconfig');
  writeFileSync(kc, kubeconfig);
  const run = (args: string[], input?: string): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = execFile(
        bin,
        ['--kubeconfig', kc, ...args],
        { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECACHEDIR: join(home, 'cache') }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ code: err ? (((err as NodeJS.ErrnoException & { code?: number }).code as unknown as number) ?? 1) : 0, stdout, stderr }),
      );
      if (input !== undefined) {
        child.stdin?.write(input);
        child.stdin?.end();
      }
    });
  return { run, home, kubeconfigPath: kc };
}
