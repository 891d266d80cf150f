/**
 * One module per Kubernetes kind: the typed readers of each kind (and, as the write path comes,
 * its builders and validators). Worker and API read objects only through these.
 */
export * from './common.js';
export * from './service.js';
export * from './endpoint-slice.js';
export * from './ingress.js';
export * from './gateway.js';
export * from './httproute.js';
export * from './reference-grant.js';
export * from './certificate.js';
export * from './workload.js';
export * from './network-policy.js';
export * from './service-expose.js';
export * from './ingress-build.js';
export * from './httproute-build.js';
export * from './httproute-status.js';
