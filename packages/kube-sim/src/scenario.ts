/**
 * Scenarios: multi-document YAML files of objects created at start (`course` ships with the
 * package, any other value is a path).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { isPlainObject, type KubeObject } from './types.js';

/** `scenarios/` beside `src/` and `dist/`, so the path works from sources and compiled code. */
export const SCENARIOS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

export function scenarioPath(scenario: string): string | undefined {
  if (scenario === 'empty') return undefined;
  if (scenario === 'course') return join(SCENARIOS_DIR, 'course.yaml');
  return scenario;
}

export function parseManifests(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
    const v: unknown = doc.toJSON();
    if (isPlainObject(v) && typeof v.kind === 'string') out.push(v as unknown as KubeObject);
  }
  return out;
}

export function loadScenario(scenario: string): KubeObject[] {
  const p = scenarioPath(scenario);
  return p ? parseManifests(readFileSync(p, 'utf8')) : [];
}
