// `@portico/db/sql`: the SQL side of the data layer, without the Prisma client (the worker
// imports only this). See ./pool.ts for when to use which.
export * from './pool.js';
export * from './kube-objects.js';
export * from './cluster-sync.js';
export * from './changes.js';
export * from './maintenance.js';
export * from '../credential-cipher.js';
export * from '../cluster-credentials.js';
export * from './inventory.js';
export * from './ingress-facts.js';
export * from './certificate-level.js';
export * from './tracked-certificates.js';
export * from './api-token-lookup.js';
export * from './certificate-alerts.js';
export * from './metrics.js';
export * from './overview.js';
export * from './search.js';
