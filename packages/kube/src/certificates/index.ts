export * from './build-tracked-certificates.js';
export * from './host-coverage.js';
