import { describe, expect, it } from 'vitest';
import { applyPath, fieldManagerConflicts, objectPath, parseWarningHeaders, removeRequest } from './object-writes.js';

describe('objectPath', () => {
  it('places namespaced, cluster-scoped and grouped kinds', () => {
    expect(objectPath({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' })).toBe('/api/v1/namespaces/shop/services/web');
    expect(objectPath({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', name: 'nginx' })).toBe('/apis/networking.k8s.io/v1/ingressclasses/nginx');
    expect(objectPath({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'a b', name: 'r/1' })).toBe('/apis/gateway.networking.k8s.io/v1/namespaces/a%20b/httproutes/r%2F1');
  });

  it('refuses a kind Portico does not know, a wrong apiVersion, and a missing or extra namespace', () => {
    expect(() => objectPath({ apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'p' })).toThrow('Portico does not write Pod objects of apiVersion v1');
    expect(() => objectPath({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'a', name: 'i' })).toThrow('apiVersion extensions/v1beta1');
    expect(() => objectPath({ apiVersion: 'v1', kind: 'Service', name: 'web' })).toThrow('needs a namespace');
    expect(() => objectPath({ apiVersion: 'v1', kind: 'Namespace', namespace: 'a', name: 'b' })).toThrow('has no namespace');
    expect(() => objectPath({ apiVersion: 'v1', kind: 'Service', namespace: 'a', name: '' })).toThrow('needs a name');
  });
});

describe('applyPath and removeRequest', () => {
  it('puts force and dryRun in the query only when asked', () => {
    expect(applyPath('/api/v1/namespaces/a/services/b', { fieldManager: 'portico' })).toBe('/api/v1/namespaces/a/services/b?fieldManager=portico');
    expect(applyPath('/x?y=1', { fieldManager: 'a b', force: true, dryRun: true })).toBe('/x?y=1&fieldManager=a+b&force=true&dryRun=All');
    expect(() => applyPath('/x', { fieldManager: '' })).toThrow('fieldManager');
  });

  it('builds DeleteOptions with only the preconditions given', () => {
    expect(removeRequest('/x', {})).toEqual({ path: '/x', body: { apiVersion: 'v1', kind: 'DeleteOptions' } });
    expect(removeRequest('/x', { preconditions: { uid: 'u', resourceVersion: undefined }, propagationPolicy: 'Foreground', dryRun: true })).toEqual({
      path: '/x?dryRun=All',
      body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'u' }, propagationPolicy: 'Foreground', dryRun: ['All'] },
    });
  });
});

describe('parseWarningHeaders', () => {
  it('reads 299 texts from one or several headers, with escapes, commas and dates', () => {
    expect(parseWarningHeaders(undefined)).toEqual([]);
    expect(parseWarningHeaders('299 - "spec.externalName is ignored when spec.type is not \\"ExternalName\\""')).toEqual(['spec.externalName is ignored when spec.type is not "ExternalName"']);
    expect(parseWarningHeaders(['299 - "a, b", 299 - "c"', '299 agent "d" "Mon, 30 Nov 2026 12:00:00 GMT", 299 - "e"'])).toEqual(['a, b', 'c', 'd', 'e']);
  });

  it('drops other codes and stops at malformed text without throwing', () => {
    expect(parseWarningHeaders('199 - "misc", 299 - "kept"')).toEqual(['kept']);
    expect(parseWarningHeaders('299 - unquoted')).toEqual([]);
    expect(parseWarningHeaders('299 - "ok", garbage, 299 - "after"')).toEqual(['ok']);
    expect(parseWarningHeaders('299 - "unterminated')).toEqual([]);
  });
});

describe('fieldManagerConflicts', () => {
  it('parses the managers and fields of FieldManagerConflict causes', () => {
    const err = {
      causes: [
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using v1', field: '.spec.ports' },
        { reason: 'FieldManagerConflict', message: 'conflict with "helm" with subresource "status"', field: '.status.x' },
        { reason: 'FieldManagerConflict', message: 'conflict with "we\\"ird"', field: '.spec.selector' },
        { reason: 'FieldValueInvalid', message: 'Invalid value', field: 'spec.ports[0].port' },
      ],
    };
    expect(fieldManagerConflicts(err)).toEqual([
      { manager: 'kubectl-client-side-apply', field: '.spec.ports' },
      { manager: 'helm', field: '.status.x' },
      { manager: 'we"ird', field: '.spec.selector' },
    ]);
  });

  it('gives nothing for other errors', () => {
    expect(fieldManagerConflicts(new Error('x'))).toEqual([]);
    expect(fieldManagerConflicts(undefined)).toEqual([]);
    expect(fieldManagerConflicts({ causes: [{ reason: 'FieldManagerConflict', message: 'something else' }] })).toEqual([]);
  });
});
