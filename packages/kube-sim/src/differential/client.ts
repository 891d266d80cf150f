/**
 * Plain REST to one backend (simulator or real kube-apiserver) over a keep-alive agent, so a
 * conformance run of tens of thousands of requests does not pay a TLS handshake each time.
 */
import https from 'node:https';

export interface Backend {
  name: string;
  url: string;
  caPem: string;
  token: string;
}

export interface Answer {
  /** 0 when the server closed the connection without answering (a handler panic: the apiserver aborts the stream). */
  status: number;
  body: any;
}

export interface WatchEvent {
  type: string;
  object: any;
}

export class BackendClient {
  private readonly agent: https.Agent;

  constructor(readonly backend: Backend) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: backend.caPem });
  }

  /**
   * One request. A kept-alive socket the server closed just as it was reused fails with
   * ECONNRESET before the request was read: that one is retried once (Node's documented race).
   */
  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Answer> {
    const retryable = (e: unknown) => (e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET';
    try {
      try {
        return await this.send(method, path, body, contentType);
      } catch (e) {
        if (!retryable(e)) throw e;
        return await this.send(method, path, body, contentType);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET') return { status: 0, body: { aborted: `${method} ${path}: ${(e as Error).message}` } };
      throw new Error(`${this.backend.name}: ${method} ${path}: ${(e as Error).message}`, { cause: e });
    }
  }

  private send(method: string, path: string, body: unknown, contentType: string): Promise<Answer> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        `${this.backend.url}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.backend.token}`,
            Accept: 'application/json',
            'User-Agent': 'differential',
            ...(data === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(data) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      req.end(data);
    });
  }

  /** Watch events from `path` until `done(event)` says so (or `timeoutMs` passes). */
  watch(path: string, done: (e: WatchEvent) => boolean, timeoutMs = 10_000): Promise<{ status: number; events: WatchEvent[]; timedOut: boolean }> {
    return new Promise((resolve, reject) => {
      const events: WatchEvent[] = [];
      let buf = '';
      let status = 0;
      let settled = false;
      const finish = (timedOut: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve({ status, events, timedOut });
      };
      const timer = setTimeout(() => finish(true), timeoutMs);
      // Own connection (no agent): a destroyed watch must not poison the keep-alive pool.
      const req = https.get(`${this.backend.url}${path}`, { ca: this.backend.caPem, headers: { Authorization: `Bearer ${this.backend.token}`, Accept: 'application/json' } }, (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          let i: number;
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i).trim();
            buf = buf.slice(i + 1);
            if (!line) continue;
            const e = JSON.parse(line) as WatchEvent;
            events.push(e);
            if (done(e)) return finish(false);
          }
        });
        res.on('end', () => finish(false));
      });
      req.on('error', (err) => (settled ? undefined : (clearTimeout(timer), (settled = true), reject(err))));
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
