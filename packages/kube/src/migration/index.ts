// Only what callers need, under names that cannot collide with the kinds' own Gateway API types.
export { convertIngresses, objectsToApply, MIGRATED_FROM_ANNOTATION, type ConversionResult, type MigrationTarget, type NotTranslated, type ServicePorts } from './convert.js';
export { trafficEquivalence, type EquivalenceRow, type Verdict } from './equivalence.js';
export type { GatewayObject as MigrationGateway, HttpRouteObject as MigrationHttpRoute, ListenerSpec as MigrationListener } from './gateway-types.js';
export { readMigrationInputs, ingressYaml, type MigrationInputs } from './read-live.js';
