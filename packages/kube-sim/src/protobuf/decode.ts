/**
 * Decodes Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`): kubectl ≥ 1.32
 * sends them for `kubectl create service|secret|configmap|deployment` and does not retry in JSON
 * on a 415. The result is the JSON Go's encoding/json would write for the decoded struct (zero
 * values kept unless `omitempty`, nil pointers left out), so the rest of the simulator sees what
 * an older kubectl sends. Envelope: "k8s\0" + runtime.Unknown{typeMeta, raw}
 * (k8s.io/apimachinery/pkg/runtime/serializer/protobuf). Kinds outside schema.ts stay 415.
 */
import { MESSAGES } from './schema.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** apiVersion/kind → message name in schema.ts. */
const KINDS: Record<string, string> = {
  'v1/Service': 'core.v1.Service',
  'v1/Secret': 'core.v1.Secret',
  'v1/ConfigMap': 'core.v1.ConfigMap',
  'apps/v1/Deployment': 'apps.v1.Deployment',
};

type Wire = { n: number; wire: number; value: bigint | Buffer };

/** Reads a message's fields in order; repeated fields appear once per element. */
function readFields(buf: Buffer): Wire[] {
  const out: Wire[] = [];
  let i = 0;
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const n = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ n, wire, value: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      if (i + len > buf.length) throw new Error('truncated field');
      out.push({ n, wire, value: buf.subarray(i, i + len) });
      i += len;
    } else if (wire === 1 || wire === 5) {
      const len = wire === 1 ? 8 : 4;
      out.push({ n, wire, value: buf.subarray(i, i + len) });
      i += len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const asInt = (v: bigint | Buffer) => (typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : 0);
const asBytes = (v: bigint | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.alloc(0));

function scalar(type: string, v: bigint | Buffer): unknown {
  switch (type) {
    case 'string':
      return asBytes(v).toString('utf8');
    case 'bytes':
      return asBytes(v).toString('base64');
    case 'bool':
      return v !== 0n;
    case 'double':
      return asBytes(v).readDoubleLE(0);
    default:
      return asInt(v);
  }
}

const ZERO: Record<string, unknown> = { string: '', bytes: null, bool: false, int32: 0, int64: 0, double: 0 };
const isScalar = (type: string) => type in ZERO;

function rfc3339(seconds: number, nanos: number, micro: boolean): string {
  const iso = new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, '');
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/** Types whose JSON form is not their message form (custom MarshalJSON in Go). */
function special(type: string, fields: Wire[] | undefined): { value: unknown } | undefined {
  const get = (n: number) => fields?.find((f) => f.n === n)?.value;
  switch (type) {
    case 'util.intstr.IntOrString':
      return { value: asInt(get(1) ?? 0n) === 1 ? scalar('string', get(3) ?? Buffer.alloc(0)) : asInt(get(2) ?? 0n) };
    case 'api.resource.Quantity':
      return { value: get(1) ? scalar('string', get(1)!) : '0' };
    case 'apis.meta.v1.Time':
    case 'apis.meta.v1.MicroTime': {
      const s = asInt(get(1) ?? 0n);
      const ns = asInt(get(2) ?? 0n);
      return { value: s === 0 && ns === 0 ? null : rfc3339(s, ns, type.endsWith('MicroTime')) };
    }
    case 'apis.meta.v1.Duration':
      return { value: `${asInt(get(1) ?? 0n) / 1e9}s` };
    case 'apis.meta.v1.FieldsV1':
    case 'runtime.RawExtension': {
      const raw = get(1);
      return { value: raw && asBytes(raw).length ? (JSON.parse(asBytes(raw).toString('utf8')) as unknown) : null };
    }
    default:
      return undefined;
  }
}

/** `fields` undefined means a Go zero struct (a non-pointer struct field that was not sent). */
function message(type: string, fields: Wire[] | undefined): unknown {
  const sp = special(type, fields);
  if (sp) return sp.value;
  const schema = MESSAGES[type];
  if (!schema) throw new Error(`message ${type} is not in the simulator's protobuf table`);
  const out: Record<string, unknown> = {};
  for (const [num, [json, ftype, flags]] of Object.entries(schema)) {
    const present = (fields ?? []).filter((f) => f.n === Number(num));
    const omitempty = flags.includes('o');
    if (flags.includes('m')) {
      if (present.length === 0) {
        if (!omitempty) out[json] = null;
        continue;
      }
      const map: Record<string, unknown> = {};
      for (const entry of present) {
        const kv = readFields(asBytes(entry.value));
        const k = kv.find((f) => f.n === 1);
        const v = kv.find((f) => f.n === 2);
        map[k ? (scalar('string', k.value) as string) : ''] = isScalar(ftype) ? (v ? scalar(ftype, v.value) : ZERO[ftype]) : message(ftype, v ? readFields(asBytes(v.value)) : undefined);
      }
      out[json] = map;
    } else if (flags.includes('r')) {
      if (present.length === 0) {
        if (!omitempty) out[json] = null;
        continue;
      }
      out[json] = present.flatMap((f) => (isScalar(ftype) ? unpack(ftype, f) : [message(ftype, readFields(asBytes(f.value)))]));
    } else if (isScalar(ftype)) {
      const last = present.at(-1);
      if (!last && flags.includes('p')) continue;
      const v = last ? scalar(ftype, last.value) : ZERO[ftype];
      if (omitempty && (v === ZERO[ftype] || v === '')) continue;
      out[json] = v;
    } else {
      const last = present.at(-1);
      if (!last && flags.includes('p')) continue;
      out[json] = message(ftype, last ? readFields(asBytes(last.value)) : undefined);
    }
  }
  return out;
}

/** A repeated scalar field, packed (one length-delimited run) or not. */
function unpack(type: string, f: Wire): unknown[] {
  if (f.wire !== 2 || type === 'string' || type === 'bytes') return [scalar(type, f.value)];
  return packedVarints(asBytes(f.value)).map((v) => scalar(type, v));
}

function packedVarints(buf: Buffer): bigint[] {
  const out: bigint[] = [];
  let v = 0n;
  let shift = 0n;
  for (const b of buf) {
    v |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) {
      out.push(v);
      v = 0n;
      shift = 0n;
    }
  }
  return out;
}

export class ProtobufError extends Error {}

/** The JSON object a protobuf request body stands for; ProtobufError when it is not one the simulator can read. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new ProtobufError('the body does not start with the Kubernetes protobuf prefix');
  try {
    const unknown = readFields(body.subarray(4));
    const typeMeta = readFields(asBytes(unknown.find((f) => f.n === 1)?.value ?? Buffer.alloc(0)));
    const apiVersion = scalar('string', typeMeta.find((f) => f.n === 1)?.value ?? Buffer.alloc(0)) as string;
    const kind = scalar('string', typeMeta.find((f) => f.n === 2)?.value ?? Buffer.alloc(0)) as string;
    const type = KINDS[`${apiVersion}/${kind}`];
    if (!type) throw new ProtobufError(`protobuf bodies of ${apiVersion}/${kind} are not supported by the simulator`);
    const raw = asBytes(unknown.find((f) => f.n === 2)?.value ?? Buffer.alloc(0));
    return { apiVersion, kind, ...(message(type, readFields(raw)) as Record<string, unknown>) };
  } catch (e) {
    throw e instanceof ProtobufError ? e : new ProtobufError(`error decoding protobuf: ${(e as Error).message}`);
  }
}
