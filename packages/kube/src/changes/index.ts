// The change pipeline's cluster side (issue 9), shared by the API (preview) and the worker (apply).
export * from './errors.js';
export * from './paths.js';
export * from './plan.js';
export * from './change-client.js';
export * from './kube-failure.js';
export * from './execute.js';
export * from './preview.js';
export * from './ingress-warnings.js';
export * from './gateway-warnings.js';
