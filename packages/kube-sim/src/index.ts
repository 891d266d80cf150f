export { startSimulator, type Simulator, type SimulatorOptions, type ObjectAccess } from './simulator.js';
export type { TokenKind, Tokens } from './auth.js';
export type { SimClock } from './clock.js';
export type { Faults, FaultRule, FloodRule, OversizeRule } from './faults.js';
export type { Generators, GenerateTarget, ChurnOptions, TlsSecretOptions } from './generate.js';
export type { KubeObject, ObjectMeta } from './types.js';
export { SCENARIOS_DIR } from './scenario.js';
export type { Cni } from './system-components.js';
export type { Feature } from './resources.js';
