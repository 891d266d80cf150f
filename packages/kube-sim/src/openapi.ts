/**
 * Minimal OpenAPI documents. kubectl reads `/openapi/v3` to decide whether the server supports
 * the `fieldValidation` query parameter (then it validates server-side, so no full schemas are
 * needed) and falls back to built-in patch logic when a kind has no schema.
 * @see https://kubernetes.io/docs/concepts/overview/kubernetes-api/#openapi-interface-definition
 * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier_v3.go
 */
import { createHash } from 'node:crypto';
import type { ResourceRegistry, ResourceType } from './resources.js';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function param(name: string, where: 'query' | 'path') {
  return { name, in: where, ...(where === 'path' ? { required: true } : {}), schema: { type: 'string', uniqueItems: true } };
}

function gvk(rt: ResourceType) {
  return { group: rt.group, version: rt.version, kind: rt.kind };
}

function defName(rt: ResourceType): string {
  return `io.k8s.sim.${rt.group || 'core'}.${rt.version}.${rt.kind}`;
}

function operations(rt: ResourceType, item: boolean) {
  const ext = { 'x-kubernetes-group-version-kind': gvk(rt) };
  const ref = { $ref: `#/components/schemas/${defName(rt)}` };
  const ok = { responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } } };
  const body = { content: { 'application/json': { schema: ref }, 'application/yaml': { schema: ref } } };
  const writeParams = [param('dryRun', 'query'), param('fieldManager', 'query'), param('fieldValidation', 'query')];
  if (!item) {
    return {
      get: { operationId: `list${rt.kind}`, 'x-kubernetes-action': 'list', ...ext, ...ok },
      post: { operationId: `create${rt.kind}`, 'x-kubernetes-action': 'post', ...ext, parameters: writeParams, requestBody: body, ...ok },
    };
  }
  // No `application/strategic-merge-patch+json` here on purpose: kubectl then computes
  // strategic merge patches from its compiled-in types, which are complete.
  const patchBody = {
    content: {
      'application/json-patch+json': { schema: { type: 'object' } },
      'application/merge-patch+json': { schema: { type: 'object' } },
      'application/apply-patch+yaml': { schema: { type: 'object' } },
    },
  };
  return {
    get: { operationId: `read${rt.kind}`, 'x-kubernetes-action': 'get', ...ext, ...ok },
    put: { operationId: `replace${rt.kind}`, 'x-kubernetes-action': 'put', ...ext, parameters: writeParams, requestBody: body, ...ok },
    patch: { operationId: `patch${rt.kind}`, 'x-kubernetes-action': 'patch', ...ext, parameters: [...writeParams, param('force', 'query')], requestBody: patchBody, ...ok },
    delete: { operationId: `delete${rt.kind}`, 'x-kubernetes-action': 'delete', ...ext, ...ok },
  };
}

export function openapiV3GroupVersion(registry: ResourceRegistry, group: string, version: string) {
  const types = registry.types.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const prefix = `/${gvPath(group, version)}`;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const rt of types) {
    const base = rt.namespaced ? `${prefix}/namespaces/{namespace}/${rt.plural}` : `${prefix}/${rt.plural}`;
    const nsParams = rt.namespaced ? [param('namespace', 'path')] : [];
    paths[base] = { parameters: nsParams, ...operations(rt, false) };
    paths[`${base}/{name}`] = { parameters: [...nsParams, param('name', 'path')], ...operations(rt, true) };
    if (rt.namespaced) paths[`${prefix}/${rt.plural}`] = { get: { operationId: `list${rt.kind}ForAllNamespaces`, 'x-kubernetes-action': 'list', 'x-kubernetes-group-version-kind': gvk(rt) } };
    schemas[defName(rt)] = {
      type: 'object',
      description: `${rt.kind} (schema not modelled by kube-sim; the server validates).`,
      'x-kubernetes-preserve-unknown-fields': true,
      'x-kubernetes-group-version-kind': [gvk(rt)],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.31.9-kube-sim' },
    paths,
    components: { schemas },
  };
}

export function openapiV3Root(registry: ResourceRegistry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of registry.groups()) {
    const p = gvPath(g.group, g.version);
    const hash = createHash('sha512')
      .update(JSON.stringify(openapiV3GroupVersion(registry, g.group, g.version)))
      .digest('hex')
      .slice(0, 32)
      .toUpperCase();
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}

export function openapiV2Json() {
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.31.9-kube-sim' }, paths: {}, definitions: {} };
}

/**
 * The same empty v2 document in protobuf (gnostic `openapi_v2.Document`): client-go asks for
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` only and cannot parse JSON.
 */
export function openapiV2Protobuf(): Buffer {
  // Document.swagger (field 1) only: enough for the parser, and no guessing of Info's layout.
  const swagger = Buffer.from('2.0', 'utf8');
  return Buffer.concat([Buffer.from([(1 << 3) | 2, swagger.length]), swagger]);
}
