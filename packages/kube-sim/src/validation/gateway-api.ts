/**
 * Gateway API HTTPRoute and Gateway: the parts of the v1 CRD schemas (gateway-api v1.6.3,
 * standard channel) that the simulator follows — defaults, structural checks and the CEL rules
 * on listeners, parentRefs, backendRefs, path, header and query matches, and the standard
 * filters (ReferenceGrant's schema too). Timeouts, retries, session persistence, mirror/CORS/
 * extensionRef filter contents and Gateway addresses' IP formats are not checked.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 */
import { fieldInvalid, fieldNotSupported, type StatusCause } from '../status.js';
import { isPlainObject, type KubeObject } from '../types.js';
import { applySchemaDefaults, validateSchema, withCelRules, type Schema } from './schema.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const str = (o: Partial<Schema> = {}): Schema => ({ type: 'string', ...o });
const int = (minimum: number, maximum: number, o: Partial<Schema> = {}): Schema => ({ type: 'integer', minimum, maximum, ...o });
const obj = (properties: Record<string, Schema>, o: Partial<Schema> = {}): Schema => ({ type: 'object', properties, ...o });
const arr = (items: Schema, o: Partial<Schema> = {}): Schema => ({ type: 'array', items, ...o });

const objectRef = (group: string, kind: string): Record<string, Schema> => ({
  group: str({ maxLength: 253, pattern: GROUP, default: group }),
  kind: str({ minLength: 1, maxLength: 63, pattern: KIND, default: kind }),
  name: str({ minLength: 1, maxLength: 253 }),
  namespace: str({ minLength: 1, maxLength: 63, pattern: NAMESPACE }),
});

const PATH_DEFAULT = { type: 'PathPrefix', value: '/' };
const PRECISE_HOSTNAME = SUBDOMAIN;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const PATH_MODIFIER = obj(
  { type: str({ enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }), replaceFullPath: str({ maxLength: 1024 }), replacePrefixMatch: str({ maxLength: 1024 }) },
  { required: ['type'] },
);
const HEADER_VALUES = arr(obj({ name: str({ minLength: 1, maxLength: 256, pattern: HEADER_NAME }), value: str({ minLength: 1, maxLength: 4096 }) }, { required: ['name', 'value'] }), {
  maxItems: 16,
  mapKeys: ['name'],
});
const HEADER_MODIFIER = obj({ set: HEADER_VALUES, add: HEADER_VALUES, remove: arr(str(), { maxItems: 16 }) });
/** Filter types of the standard channel, and the field each one's settings go in. */
const FILTER_TYPES: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
const REDIRECT_CODES = [301, 302, 303, 307, 308];

const HTTPROUTE: Schema = obj(
  {
    spec: obj({
      parentRefs: arr(
        obj({ ...objectRef('gateway.networking.k8s.io', 'Gateway'), sectionName: str({ minLength: 1, maxLength: 253, pattern: SUBDOMAIN }), port: int(1, 65535) }, { required: ['name'] }),
        { maxItems: 32 },
      ),
      hostnames: arr(str({ minLength: 1, maxLength: 253, pattern: HOSTNAME }), { maxItems: 16 }),
      rules: arr(
        obj({
          matches: arr(
            obj({
              path: obj({ type: str({ enum: ['Exact', 'PathPrefix', 'RegularExpression'], default: 'PathPrefix' }), value: str({ maxLength: 1024, default: '/' }) }, { default: PATH_DEFAULT }),
              headers: arr(
                obj(
                  {
                    name: str({ minLength: 1, maxLength: 256, pattern: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/ }),
                    type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
                    value: str({ minLength: 1, maxLength: 4096 }),
                  },
                  { required: ['name', 'value'] },
                ),
                { maxItems: 16, mapKeys: ['name'] },
              ),
              queryParams: arr(
                obj(
                  {
                    name: str({ minLength: 1, maxLength: 256, pattern: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/ }),
                    type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
                    value: str({ minLength: 1, maxLength: 1024 }),
                  },
                  { required: ['name', 'value'] },
                ),
                { maxItems: 16, mapKeys: ['name'] },
              ),
              method: str({ enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] }),
            }),
            { maxItems: 64, default: [{ path: PATH_DEFAULT }] },
          ),
          filters: arr(
            obj(
              {
                type: str({ enum: Object.keys(FILTER_TYPES) }),
                requestRedirect: obj({
                  scheme: str({ enum: ['http', 'https'] }),
                  hostname: str({ minLength: 1, maxLength: 253, pattern: PRECISE_HOSTNAME }),
                  path: PATH_MODIFIER,
                  port: int(1, 65535),
                }),
                urlRewrite: obj({ hostname: str({ minLength: 1, maxLength: 253, pattern: PRECISE_HOSTNAME }), path: PATH_MODIFIER }),
                requestHeaderModifier: HEADER_MODIFIER,
                responseHeaderModifier: HEADER_MODIFIER,
              },
              { required: ['type'] },
            ),
            { maxItems: 16 },
          ),
          backendRefs: arr(obj({ ...objectRef('', 'Service'), port: int(1, 65535), weight: int(0, 1_000_000, { default: 1 }) }, { required: ['name'] }), { maxItems: 16 }),
        }),
        { minItems: 1, maxItems: 16, default: [{ matches: [{ path: PATH_DEFAULT }] }] },
      ),
    }),
  },
  { required: ['spec'] },
);

const GATEWAY: Schema = obj(
  {
    spec: obj(
      {
        gatewayClassName: str({ minLength: 1, maxLength: 253 }),
        listeners: arr(
          obj(
            {
              name: str({ minLength: 1, maxLength: 253, pattern: SUBDOMAIN }),
              hostname: str({ minLength: 1, maxLength: 253, pattern: HOSTNAME }),
              port: int(1, 65535),
              protocol: str({ minLength: 1, maxLength: 255, pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/ }),
              tls: obj({
                mode: str({ enum: ['Terminate', 'Passthrough'], default: 'Terminate' }),
                certificateRefs: arr(obj(objectRef('', 'Secret'), { required: ['name'] }), { maxItems: 64 }),
              }),
              allowedRoutes: obj(
                { namespaces: obj({ from: str({ enum: ['All', 'Selector', 'Same'], default: 'Same' }) }, { default: { from: 'Same' } }) },
                { default: { namespaces: { from: 'Same' } } },
              ),
            },
            { required: ['name', 'port', 'protocol'] },
          ),
          { minItems: 1, maxItems: 64, mapKeys: ['name'] },
        ),
        addresses: arr(obj({ type: str({ minLength: 1, maxLength: 253, default: 'IPAddress' }), value: str({ maxLength: 253 }) }), { maxItems: 16 }),
      },
      { required: ['gatewayClassName', 'listeners'] },
    ),
  },
  { required: ['spec'] },
);

/** ReferenceGrant (v1beta1, standard channel): who may refer (`from`) to what (`to`) in its namespace. */
const REFERENCE_GRANT: Schema = obj(
  {
    spec: obj(
      {
        from: arr(
          obj(
            {
              group: str({ maxLength: 253, pattern: GROUP }),
              kind: str({ minLength: 1, maxLength: 63, pattern: KIND }),
              namespace: str({ minLength: 1, maxLength: 63, pattern: NAMESPACE }),
            },
            { required: ['group', 'kind', 'namespace'] },
          ),
          { minItems: 1, maxItems: 16 },
        ),
        to: arr(
          obj(
            { group: str({ maxLength: 253, pattern: GROUP }), kind: str({ minLength: 1, maxLength: 63, pattern: KIND }), name: str({ minLength: 1, maxLength: 253 }) },
            { required: ['group', 'kind'] },
          ),
          { minItems: 1, maxItems: 16 },
        ),
      },
      { required: ['from', 'to'] },
    ),
  },
  { required: ['spec'] },
);

type Obj = Record<string, any>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const has = (o: Obj, k: string) => o[k] !== undefined && o[k] !== null;
const rule = (field: string, message: string): StatusCause => fieldInvalid(field, undefined, message);

function httpRouteCel(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const parents = list(spec.parentRefs);
  const ns = (p: Obj) => (has(p, 'namespace') ? p.namespace : '');
  const same = (a: Obj, b: Obj) => a.group === b.group && a.kind === b.kind && a.name === b.name && ns(a) === ns(b);
  const section = (p: Obj) => (has(p, 'sectionName') ? p.sectionName : '');
  if (!parents.every((a) => parents.every((b) => (same(a, b) ? (section(a) === '') === (section(b) === '') : true))))
    causes.push(rule('spec.parentRefs', 'sectionName must be specified when parentRefs includes 2 or more references to the same parent'));
  if (!parents.every((a) => parents.filter((b) => same(a, b) && section(a) === section(b)).length === 1))
    causes.push(rule('spec.parentRefs', 'sectionName must be unique when parentRefs includes 2 or more references to the same parent'));
  list(spec.rules).forEach((r, i) => {
    list(r.matches).forEach((m, j) => {
      if (!isPlainObject(m.path)) return;
      const f = `spec.rules[${i}].matches[${j}].path`;
      const { type, value } = m.path as { type: string; value: string };
      if (type !== 'Exact' && type !== 'PathPrefix') return;
      const fail = (msg: string) => causes.push(rule(f, `${msg} when type one of ['Exact', 'PathPrefix']`));
      if (!value.startsWith('/')) causes.push(rule(f, "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"));
      for (const seq of ['//', '/./', '/../', '%2f', '%2F', '#']) if (value.includes(seq)) fail(`must not contain '${seq}'`);
      for (const suf of ['/..', '/.']) if (value.endsWith(suf)) fail(`must not end with '${suf}'`);
      if (!/^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/.test(value))
        causes.push(rule(f, "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"));
    });
    causes.push(...filterCel(list(r.filters), `spec.rules[${i}]`, list(r.backendRefs).length > 0));
    causes.push(...prefixRewriteCel(r, `spec.rules[${i}]`));
    list(r.backendRefs).forEach((b, j) => {
      if (b.group === '' && b.kind === 'Service' && !has(b, 'port')) causes.push(rule(`spec.rules[${i}].backendRefs[${j}]`, 'Must have port for Service reference'));
    });
  });
  return causes;
}

/** The HTTPRoute rule's filter rules (CEL in the v1 CRD), in its words. */
function filterCel(filters: Obj[], rulePath: string, hasBackends: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  filters.forEach((f, j) => {
    for (const [type, field] of Object.entries(FILTER_TYPES)) {
      if (has(f, field) && f.type !== type) causes.push(rule(`${rulePath}.filters[${j}]`, `filter.${field} must be nil if the filter.type is not ${type}`));
      if (!has(f, field) && f.type === type) causes.push(rule(`${rulePath}.filters[${j}]`, `filter.${field} must be specified for ${type} filter.type`));
    }
  });
  const count = (t: string) => filters.filter((f) => f.type === t).length;
  if (count('RequestRedirect') && count('URLRewrite')) causes.push(rule(`${rulePath}.filters`, 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both'));
  for (const t of ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'])
    if (count(t) > 1) causes.push(rule(`${rulePath}.filters`, `${t} filter cannot be repeated`));
  if (hasBackends && filters.some((f) => has(f, 'requestRedirect'))) causes.push(rule(rulePath, 'RequestRedirect filter must not be used together with backendRefs'));
  return causes;
}

/** `replacePrefixMatch` replaces the matched prefix: the rule must have exactly one PathPrefix match. */
function prefixRewriteCel(r: Obj, rulePath: string): StatusCause[] {
  const matches = list(r.matches);
  const onePrefix = matches.length === 1 && isPlainObject(matches[0].path) && matches[0].path.type === 'PathPrefix';
  const causes: StatusCause[] = [];
  for (const [field, name] of [
    ['requestRedirect', 'RequestRedirect'],
    ['urlRewrite', 'URLRewrite'],
  ]) {
    const prefixed = list(r.filters).filter((f) => isPlainObject(f[field]) && isPlainObject(f[field].path) && f[field].path.type === 'ReplacePrefixMatch' && has(f[field].path, 'replacePrefixMatch'));
    if (prefixed.length === 1 && !onePrefix) causes.push(rule(rulePath, `When using ${name} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified`));
  }
  return causes;
}

/** `statusCode` is an integer enum (the schema engine's enums are strings). */
function redirectCodeChecks(spec: Obj): StatusCause[] {
  return list(spec.rules).flatMap((r, i) =>
    list(r.filters).flatMap((f, j) => {
      const code = isPlainObject(f.requestRedirect) ? f.requestRedirect.statusCode : undefined;
      return code === undefined || REDIRECT_CODES.includes(code as number) ? [] : [fieldNotSupported(`spec.rules[${i}].filters[${j}].requestRedirect.statusCode`, code, REDIRECT_CODES.map(String))];
    }),
  );
}

function gatewayCel(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const ls = list(spec.listeners);
  const f = 'spec.listeners';
  if (!ls.every((l) => (['HTTP', 'TCP', 'UDP'].includes(l.protocol) ? !has(l, 'tls') : true))) causes.push(rule(f, "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"));
  if (!ls.every((l) => (l.protocol === 'HTTPS' && has(l, 'tls') ? l.tls.mode === '' || l.tls.mode === 'Terminate' : true))) causes.push(rule(f, 'tls mode must be Terminate for protocol HTTPS'));
  if (!ls.every((l) => (l.protocol === 'TLS' ? has(l, 'tls') && has(l.tls, 'mode') && l.tls.mode !== '' : true))) causes.push(rule(f, 'tls mode must be set for protocol TLS'));
  if (!ls.every((l) => (['TCP', 'UDP'].includes(l.protocol) ? !has(l, 'hostname') || l.hostname === '' : true))) causes.push(rule(f, "hostname must not be specified for protocols ['TCP', 'UDP']"));
  if (!ls.every((a) => ls.filter((b) => a.name === b.name).length === 1)) causes.push(rule(f, 'Listener name must be unique within the Gateway'));
  const sameHost = (a: Obj, b: Obj) => (has(a, 'hostname') && has(b, 'hostname') ? a.hostname === b.hostname : !has(a, 'hostname') && !has(b, 'hostname'));
  if (!ls.every((a) => ls.filter((b) => a.port === b.port && a.protocol === b.protocol && sameHost(a, b)).length === 1))
    causes.push(rule(f, 'Combination of port, protocol and hostname must be unique for each listener'));
  ls.forEach((l, i) => {
    // `size(self.certificateRefs)` on a missing key is a CEL evaluation error, reported on the same field.
    if (has(l, 'tls') && l.tls.mode === 'Terminate' && !(list(l.tls.certificateRefs).length > 0 || (isPlainObject(l.tls.options) && Object.keys(l.tls.options).length > 0)))
      causes.push(rule(`spec.listeners[${i}].tls`, 'certificateRefs or options must be specified when mode is Terminate'));
  });
  const addrs = list(spec.addresses);
  for (const t of ['IPAddress', 'Hostname'])
    if (!addrs.every((a) => (a.type === t && has(a, 'value') ? addrs.filter((b) => b.type === t && b.value === a.value).length === 1 : true)))
      causes.push(rule('spec.addresses', `${t === 'IPAddress' ? 'IPAddress' : 'Hostname'} values must be unique`));
  addrs.forEach((a, i) => {
    if (a.type === 'Hostname' && has(a, 'value') && !HOSTNAME.test(a.value))
      causes.push(rule(`spec.addresses[${i}]`, `Hostname value must be empty or contain only valid characters (matching ${HOSTNAME.source})`));
  });
  return causes;
}

/** Fields the v1 schemas know at the levels pruned here; anything else is dropped on decode. */
const KNOWN: Record<string, { spec: string[]; items: [string, string[]] }> = {
  HTTPRoute: { spec: ['hostnames', 'parentRefs', 'rules'], items: ['rules', ['backendRefs', 'filters', 'matches', 'name', 'timeouts']] },
  Gateway: {
    spec: ['addresses', 'allowedListeners', 'gatewayClassName', 'infrastructure', 'listeners', 'tls'],
    items: ['listeners', ['allowedRoutes', 'hostname', 'name', 'port', 'protocol', 'tls']],
  },
};

function prune(o: KubeObject): void {
  const known = KNOWN[o.kind];
  if (!known || !isPlainObject(o.spec)) return;
  const spec = o.spec;
  for (const k of Object.keys(spec)) if (!known.spec.includes(k)) delete spec[k];
  const [listField, itemKeys] = known.items;
  for (const item of list(spec[listField])) for (const k of Object.keys(item)) if (!itemKeys.includes(k)) delete item[k];
}

/** CRD decoding: structural pruning, then defaulting (mutates). */
export function applyGatewayApiDefaults(o: KubeObject): void {
  prune(o);
  if (o.kind === 'HTTPRoute') applySchemaDefaults(o, HTTPROUTE);
  if (o.kind === 'Gateway') applySchemaDefaults(o, GATEWAY);
}

export function validateHTTPRoute(route: KubeObject, metadataCauses: StatusCause[] = []): StatusCause[] {
  const schema = [...validateSchema(route, HTTPROUTE, ''), ...redirectCodeChecks((route.spec ?? {}) as Obj)];
  return withCelRules(metadataCauses, schema, () => httpRouteCel((route.spec ?? {}) as Obj));
}

export function validateGateway(gw: KubeObject, metadataCauses: StatusCause[] = []): StatusCause[] {
  return withCelRules(metadataCauses, validateSchema(gw, GATEWAY, ''), () => gatewayCel((gw.spec ?? {}) as Obj));
}

export function validateReferenceGrant(grant: KubeObject, metadataCauses: StatusCause[] = []): StatusCause[] {
  return withCelRules(metadataCauses, validateSchema(grant, REFERENCE_GRANT, ''), () => []);
}
