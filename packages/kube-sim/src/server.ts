/**
 * The HTTPS front: authentication, fault injection, routing of Kubernetes REST paths,
 * content negotiation (JSON, Table, aggregated discovery), watch streams.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { authorize, type Authenticator, type Principal, type Verb } from './auth.js';
import type { SimClock } from './clock.js';
import { AGGREGATED_V2, aggregatedDiscovery, apiGroupDoc, apiGroupList, apiResourceList, coreVersions, SERVER_VERSION } from './discovery.js';
import type { Faults } from './faults.js';
import type { ObjectApi, PatchType, WriteOptions, FieldValidation } from './object-api.js';
import { decodeProtobufObject, ProtobufError } from './protobuf/decode.js';
import { openapiV2Json, openapiV2Protobuf, openapiV3GroupVersion, openapiV3Root } from './openapi.js';
import { resourceKey, type ResourceType } from './resources.js';
import { fieldSelector, labelSelector } from './selectors.js';
import { ApiError, errors, fieldInvalid } from './status.js';
import { applyJsonPatch } from './patch/json-patch.js';
import { applyMergePatch } from './patch/merge-patch.js';
import { toJson, type StoreEvent } from './store.js';
import { toTable } from './table.js';
import { isPlainObject, type Json, type KubeObject } from './types.js';

export interface ServerOptions {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
  bookmarkIntervalMs: number;
}

/** Handler for the simulator's own `/_sim/...` endpoints. */
export type SimHandler = (method: string, path: string, body: unknown) => Promise<unknown>;

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

interface Route {
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

function sendRaw(res: ServerResponse, code: number, data: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}

function sendError(res: ServerResponse, e: unknown): void {
  const err = e instanceof ApiError ? e : errors.internal(e instanceof Error ? e.message : String(e));
  const headers: Record<string, string> = {};
  if (err.code === 429 || err.code === 503) headers['Retry-After'] = String(err.details?.retryAfterSeconds ?? 1);
  if (err.code === 401) headers['WWW-Authenticate'] = 'Bearer realm="kube-sim"';
  if (!res.headersSent) sendJson(res, err.code, err.toStatus(), headers);
  else res.end();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  if (contentType.includes('application/vnd.kubernetes.protobuf')) return parseProtobuf(raw, contentType);
  if (contentType.includes('protobuf') || contentType.includes('cbor')) throw errors.unsupportedMediaType(contentType);
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    if (contentType.includes('yaml')) {
      try {
        return parseYaml(text);
      } catch (e) {
        throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
      }
    }
    throw errors.badRequest('error decoding body: invalid JSON');
  }
}

/** kubectl ≥ 1.32 creates some kinds in protobuf; other kinds stay 415 (the simulator has no table for them). */
function parseProtobuf(raw: Buffer, contentType: string): unknown {
  try {
    return decodeProtobufObject(raw);
  } catch (e) {
    if (e instanceof ProtobufError && e.message.includes('not supported')) throw errors.unsupportedMediaType(contentType);
    throw errors.badRequest((e as Error).message);
  }
}

function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

export class KubeServer {
  private server: https.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<ServerResponse>();
  private refuseTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  port = 0;

  constructor(
    private readonly opts: ServerOptions,
    private readonly api: ObjectApi,
    private readonly auth: Authenticator,
    private readonly clock: SimClock,
    private readonly faults: Faults,
    private readonly sim: SimHandler,
  ) {
    faults.attach({ dropWatches: () => this.dropWatches(), openWatches: () => this.watches.size, refuseConnections: (ms) => this.refuse(ms) });
  }

  async listen(): Promise<number> {
    this.server = https.createServer({ cert: this.opts.certPem, key: this.opts.keyPem, keepAlive: true }, (req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (s: Socket) => {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('tlsClientError', () => undefined);
    const port = this.port || this.opts.port;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.opts.host, () => {
        this.server!.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    return this.port;
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refuseTimer);
    await this.shutdown();
  }

  private async shutdown(): Promise<void> {
    this.dropWatches();
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const sock of this.sockets) sock.destroy();
    await closed;
  }

  dropWatches(): number {
    const n = this.watches.size;
    for (const w of [...this.watches]) w.end();
    this.watches.clear();
    return n;
  }

  private async refuse(ms: number): Promise<void> {
    await this.shutdown();
    const reopen = () => {
      // The port may still be held for a moment by the old socket: retry until it binds.
      if (!this.stopped) this.listen().catch(() => (this.refuseTimer = setTimeout(reopen, 100)));
    };
    this.refuseTimer = setTimeout(reopen, ms);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const method = req.method ?? 'GET';
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        return;
      }
      const principal = this.auth.authenticate(req.headers.authorization);
      if ((path === '/version' || ((path === '/api' || path === '/apis') && principal)) && this.faults.serveOversized(path, res)) return;
      if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
      if (!principal) throw errors.unauthorized();
      if (path.startsWith('/_sim/')) {
        if (principal.kind !== 'admin') throw errors.forbidden(`User "${principal.user}" cannot use the simulator's test hooks`, undefined, '_sim', '');
        const body = parseBody(await readBody(req), String(req.headers['content-type'] ?? 'application/json'));
        return sendJson(res, 200, (await this.sim(method, path, body)) ?? { ok: true });
      }
      const accept = String(req.headers.accept ?? 'application/json');
      if (path === '/api' || path === '/apis') {
        if ((accept.includes('as=APIGroupDiscoveryList') && accept.includes('v=v2;')) || accept.startsWith(AGGREGATED_V2)) {
          return sendJson(res, 200, aggregatedDiscovery(this.api.registry, path === '/api'), { 'Content-Type': AGGREGATED_V2, Vary: 'Accept' });
        }
        return sendJson(res, 200, path === '/api' ? coreVersions(`${req.socket.localAddress}:${this.port}`) : apiGroupList(this.api.registry), { Vary: 'Accept' });
      }
      if (path.startsWith('/openapi/')) return this.openapi(path, accept, res);
      // Segments are percent-decoded, as the apiserver does (`/services/%C3%BC` names `ü`).
      const segs = path.split('/').filter(Boolean).map(safeDecode);
      let group: string;
      let version: string;
      let rest: string[];
      if (segs[0] === 'api' && segs.length >= 2) [group, version, rest] = ['', segs[1], segs.slice(2)];
      else if (segs[0] === 'apis' && segs.length >= 2) {
        if (segs.length === 2) {
          const g = apiGroupDoc(this.api.registry, segs[1]);
          if (!g) throw errors.notFound('', '', path);
          return sendJson(res, 200, g);
        }
        [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
      } else throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      if (rest.length === 0) {
        const list = apiResourceList(this.api.registry, group, version);
        if (!list) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        return sendJson(res, 200, list);
      }
      let watchPath = false;
      if (rest[0] === 'watch') {
        watchPath = true;
        rest = rest.slice(1);
      }
      const route = this.route(group, version, rest);
      await this.resource(req, res, url, method, principal, route, accept, watchPath);
    } catch (e) {
      sendError(res, e);
    }
  }

  private route(group: string, version: string, rest: string[]): Route {
    let namespace: string | undefined;
    let parts = rest;
    // `namespaces/NAME/status` is the Namespace's own subresource, not a resource in NAME.
    if (rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize')) {
      const nsRt = this.api.registry.byResource(group, version, 'namespaces');
      if (nsRt && rest[2] === 'status') return { rt: nsRt, name: rest[1], subresource: 'status' };
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    }
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      parts = rest.slice(2);
    }
    const rt = this.api.registry.byResource(group, version, parts[0]);
    if (!rt || parts.length > 3) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (namespace !== undefined && !rt.namespaced) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return { rt, namespace, name: parts[1], subresource: parts[2] };
  }

  private openapi(path: string, accept: string, res: ServerResponse): void {
    if (path === '/openapi/v2') {
      if (accept.includes('protobuf')) {
        const buf = openapiV2Protobuf();
        res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': buf.length }).end(buf);
        return;
      }
      return sendJson(res, 200, openapiV2Json());
    }
    if (path === '/openapi/v3') return sendJson(res, 200, openapiV3Root(this.api.registry));
    const m = path.match(/^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/);
    const doc = m ? openapiV3GroupVersion(this.api.registry, m[2] ?? '', m[1] ?? m[3]) : undefined;
    if (!doc) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    sendJson(res, 200, doc, { 'Cache-Control': 'public, immutable' });
  }

  private async resource(req: IncomingMessage, res: ServerResponse, url: URL, method: string, principal: Principal, route: Route, accept: string, watchPath: boolean): Promise<void> {
    const { rt, namespace, name, subresource } = route;
    const q = url.searchParams;
    const isWatch = watchPath || q.get('watch') === 'true' || q.get('watch') === '1';
    const verb: Verb =
      method === 'GET'
        ? name
          ? isWatch
            ? 'watch'
            : 'get'
          : isWatch
            ? 'watch'
            : 'list'
        : method === 'POST'
          ? 'create'
          : method === 'PUT' || method === 'PATCH'
            ? name
              ? method === 'PUT'
                ? 'update'
                : 'patch'
              : (() => {
                  // Custom resources answer a nameless write with 400, built-in kinds with 405.
                  throw rt.feature ? errors.badRequest('name must be provided') : errors.methodNotAllowed();
                })()
            : method === 'DELETE'
              ? name
                ? 'delete'
                : 'deletecollection'
              : (() => {
                  throw errors.methodNotAllowed();
                })();
    if (subresource && subresource !== 'status' && !(subresource === 'scale' && rt.scalable)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    authorize(principal, { verb, plural: rt.plural, group: rt.group, namespace: rt.namespaced ? namespace : undefined, name, subresource });
    const fault = this.faults.evaluate(verb, rt.plural);
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.error) throw fault.error;

    if (verb === 'watch' && this.faults.serveFlood(rt, res)) return;
    if (verb === 'list' && this.faults.serveOversized(rt.plural, res)) return;
    if (verb === 'watch') return this.watch(req, res, rt, namespace, name, q, accept);
    if (subresource === 'scale') return this.scale(req, res, verb, rt, namespace, name!, q);
    if (verb === 'get') {
      const obj = this.api.get(rt, namespace, name!);
      if (wantsTable(accept)) return sendJson(res, 200, toTable(rt.kind, [obj], this.clock.nowMs(), { resourceVersion: obj.metadata.resourceVersion }, q.get('includeObject')));
      return sendRaw(res, 200, toJson(obj));
    }
    if (verb === 'list') {
      const limit = Number(q.get('limit') ?? 0);
      const r = this.api.list(rt, namespace, { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector'), limit, continue: q.get('continue') });
      const meta = { resourceVersion: r.resourceVersion, ...(r.continue ? { continue: r.continue, remainingItemCount: r.remainingItemCount } : {}) };
      if (wantsTable(accept)) return sendJson(res, 200, toTable(rt.kind, r.items, this.clock.nowMs(), meta, q.get('includeObject')));
      return this.sendList(res, rt, meta, r.items);
    }

    const contentType = String(req.headers['content-type'] ?? 'application/json');
    const body = parseBody(await readBody(req), contentType);
    const opts: WriteOptions = {
      dryRun: q.getAll('dryRun').includes('All'),
      fieldManager: q.get('fieldManager') ?? undefined,
      fieldValidation: (q.get('fieldValidation') as FieldValidation | null) ?? 'Warn',
      subresource,
      force: q.get('force') === 'true',
      owned: true,
    };
    if (opts.fieldValidation && !['Strict', 'Warn', 'Ignore'].includes(opts.fieldValidation)) throw errors.badRequest(`fieldValidation must be one of Strict, Warn, Ignore`);
    if (opts.fieldManager === undefined && verb !== 'delete') opts.fieldManager = userAgentManager(req.headers['user-agent']);
    let result;
    switch (verb) {
      case 'create':
        if (name) throw errors.methodNotAllowed();
        result = this.api.create(rt, namespace, body, opts);
        break;
      case 'update':
        result = this.api.update(rt, namespace, name!, body, opts);
        break;
      case 'patch': {
        const type = PATCH_TYPES[contentType.split(';')[0].trim()];
        if (!type) throw errors.unsupportedMediaType(contentType);
        if (type === 'apply' && !q.get('fieldManager')) throw errors.badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
        result = this.api.patch(rt, namespace, name!, type, body, opts);
        break;
      }
      case 'delete': {
        const options = (isPlainObject(body) ? body : {}) as { preconditions?: { uid?: string; resourceVersion?: string }; propagationPolicy?: string; dryRun?: string[] };
        const dryRun = opts.dryRun || (Array.isArray(options.dryRun) && options.dryRun.includes('All'));
        const gone = this.api.delete(rt, namespace, name!, { dryRun, preconditions: options.preconditions, propagationPolicy: options.propagationPolicy });
        // Registries without ReturnDeletedObject (Ingresses, custom resources) answer a delete done at once with a Status;
        // one left to a finalizer (Foreground, Orphan) answers with the object.
        if ((rt.kind === 'Ingress' || rt.feature) && !gone.metadata.deletionTimestamp)
          return sendJson(res, 200, {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Success',
            details: { name: gone.metadata.name, group: rt.group || undefined, kind: rt.plural, uid: gone.metadata.uid },
          });
        return sendJson(res, 200, gone);
      }
      case 'deletecollection': {
        const r = this.api.list(rt, namespace, { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') });
        const items = r.items.map((o) => this.api.delete(rt, o.metadata.namespace, o.metadata.name ?? '', { dryRun: opts.dryRun }));
        return this.sendList(res, rt, { resourceVersion: String(this.api.store.resourceVersion) }, items);
      }
    }
    const warnings = result.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    sendJson(res, result.created ? 201 : 200, result.object, warnings.length ? { Warning: warnings } : {});
  }

  /**
   * The `scale` subresource (what `kubectl scale` patches).
   * @see https://kubernetes.io/docs/reference/kubernetes-api/autoscaling-resources/scale-v1/
   */
  private async scale(req: IncomingMessage, res: ServerResponse, verb: Verb, rt: ResourceType, namespace: string | undefined, name: string, q: URLSearchParams): Promise<void> {
    const toScale = (o: KubeObject) => {
      const spec = (o.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
      const status = (o.status ?? {}) as { replicas?: number };
      const m = o.metadata;
      return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
        spec: { replicas: spec.replicas ?? 1 },
        status: {
          replicas: status.replicas ?? 0,
          selector: Object.entries(spec.selector?.matchLabels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        },
      };
    };
    const cur = this.api.get(rt, namespace, name);
    if (verb === 'get') return sendJson(res, 200, toScale(cur));
    const contentType = String(req.headers['content-type'] ?? 'application/json');
    const body = parseBody(await readBody(req), contentType);
    let wanted: unknown;
    if (verb === 'update') {
      const b = body as { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } } | undefined;
      if (b?.metadata?.resourceVersion && b.metadata.resourceVersion !== cur.metadata.resourceVersion) throw errors.conflict(rt.plural, rt.group, name);
      wanted = b?.spec?.replicas;
    } else if (verb === 'patch') {
      const type = PATCH_TYPES[contentType.split(';')[0].trim()];
      const base = toScale(cur) as unknown as Json;
      const patched = type === 'json' ? applyJsonPatch(base, body) : type === 'merge' || type === 'strategic' ? applyMergePatch(base, body as Json) : undefined;
      if (!patched) throw errors.unsupportedMediaType(contentType);
      wanted = (patched as { spec?: { replicas?: unknown } }).spec?.replicas;
    } else throw errors.methodNotAllowed();
    if (typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 0)
      throw errors.invalid('Scale', 'autoscaling', name, [fieldInvalid('spec.replicas', wanted, 'must be greater than or equal to 0')]);
    const r = this.api.patch(
      rt,
      namespace,
      name,
      'merge',
      { spec: { replicas: wanted } },
      { dryRun: q.getAll('dryRun').includes('All'), fieldManager: q.get('fieldManager') ?? userAgentManager(req.headers['user-agent']), fieldValidation: 'Ignore' },
    );
    sendJson(res, 200, toScale(r.object));
  }

  /** Lists are serialized by hand: one JSON.stringify per item is faster for 10k+ objects. */
  private sendList(res: ServerResponse, rt: ResourceType, meta: Record<string, unknown>, items: KubeObject[]): void {
    const head = `{"kind":"${rt.kind}List","apiVersion":"${rt.group ? `${rt.group}/${rt.version}` : rt.version}","metadata":${JSON.stringify(meta)},"items":[`;
    const parts: string[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) parts[i] = toJson(items[i]);
    const data = `${head}${parts.join(',')}]}`;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    res.end(data);
  }

  /**
   * A watch stream: one JSON event per line, written as it happens.
   * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
   */
  private watch(req: IncomingMessage, res: ServerResponse, rt: ResourceType, namespace: string | undefined, name: string | undefined, q: URLSearchParams, accept: string): void {
    const ls = labelSelector(q.get('labelSelector'));
    let fsText = q.get('fieldSelector');
    if (name) fsText = fsText ? `${fsText},metadata.name=${name}` : `metadata.name=${name}`;
    const fs = fieldSelector(fsText, rt.kind);
    const key = resourceKey(rt);
    const ns = rt.namespaced ? namespace : undefined;
    const table = wantsTable(accept);
    const includeObject = q.get('includeObject');
    const matches = (o: KubeObject) => (ns === undefined || o.metadata.namespace === ns) && ls(o.metadata.labels) && fs(o);
    const rvParam = q.get('resourceVersion');
    if (rvParam && !/^\d+$/.test(rvParam)) throw errors.badRequest(`invalid resource version: ${rvParam}`);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    let lastRv = this.api.store.resourceVersion;
    let headerSent = false;
    // Events of one event-loop turn go out as one chunk: a TLS record per event would cap
    // throughput at a few thousand events per second.
    let pending: string[] = [];
    const flush = () => {
      const data = pending.join('');
      pending = [];
      if (data.length > 0 && !res.writableEnded) res.write(data);
    };
    const write = (type: string, o: KubeObject) => {
      const object = table ? JSON.stringify(toTable(rt.kind, [o], this.clock.nowMs(), { resourceVersion: o.metadata.resourceVersion }, includeObject, !headerSent)) : toJson(o);
      headerSent = true;
      if (pending.length === 0) setImmediate(flush);
      pending.push(`{"type":"${type}","object":${object}}\n`);
    };
    // With a selector, an object that starts or stops matching is ADDED or DELETED for this
    // watcher, as the apiserver's watch cache reports it.
    const send = (ev: StoreEvent) => {
      const now = matches(ev.object);
      if (ev.type !== 'MODIFIED' || !ev.previous) {
        if (now) write(ev.type, ev.object);
        return;
      }
      const before = matches(ev.previous);
      if (before && now) write('MODIFIED', ev.object);
      else if (before) write('DELETED', ev.object);
      else if (now) write('ADDED', ev.object);
    };
    const expire = (msg: string) => {
      flush();
      res.write(`${JSON.stringify({ type: 'ERROR', object: errors.expired(msg).toStatus() })}\n`);
      res.end();
    };
    if (this.faults.takeExpire()) return expire(`too old resource version: ${rvParam ?? 0} (${this.api.store.resourceVersion})`);
    if (!rvParam || rvParam === '0') {
      for (const o of this.api.store.list(key, ns)) if (matches(o)) write('ADDED', o);
    } else {
      const rv = Number(rvParam);
      const events = this.api.store.eventsSince(rv, key);
      if (!events) return expire(`too old resource version: ${rv} (${this.api.store.oldestWatchableRv})`);
      for (const ev of events) send(ev);
    }
    const unsubscribe = this.api.store.subscribe((ev: StoreEvent) => {
      lastRv = ev.rv;
      if (ev.resource === key) send(ev);
    });
    this.watches.add(res);
    const timers: NodeJS.Timeout[] = [];
    if (q.get('allowWatchBookmarks') === 'true') {
      timers.push(
        setInterval(() => {
          res.write(
            `${JSON.stringify({ type: 'BOOKMARK', object: { kind: rt.kind, apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version, metadata: { resourceVersion: String(lastRv) } } })}\n`,
          );
        }, this.opts.bookmarkIntervalMs),
      );
    }
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    if (timeout > 0) timers.push(setTimeout(() => res.end(), timeout * 1000));
    const cleanup = () => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      this.watches.delete(res);
    };
    res.on('close', cleanup);
    res.on('finish', cleanup);
    req.on('close', () => res.end());
  }
}

/** kubectl and client-go name their field manager after the user agent's program name. */
function safeDecode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

function userAgentManager(ua: string | undefined): string {
  const prog = (ua ?? 'unknown').split('/')[0].trim();
  return prog || 'unknown';
}
